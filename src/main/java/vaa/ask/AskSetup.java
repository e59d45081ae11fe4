package vaa.ask;

import java.nio.file.Path;
import java.time.Clock;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.Tracer;

/**
 * What every {@link AskEngine} of a command shares: the environment, the workspace, the clock, the options, where notes go,
 * and the tracer that records each question as a trace in the run's session.
 */
public record AskSetup(Env env, Path workspace, Clock clock, AskOptions options, MessageSink messages, Tracer tracer) {}
