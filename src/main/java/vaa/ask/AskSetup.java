package vaa.ask;

import java.nio.file.Path;
import java.time.Clock;
import vaa.io.Env;
import vaa.io.MessageSink;

/** What every {@link AskEngine} of a command shares: the environment, the workspace, the clock, the options, where notes go. */
public record AskSetup(Env env, Path workspace, Clock clock, AskOptions options, MessageSink messages) {}
