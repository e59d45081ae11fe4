package vaa.cli;

import picocli.CommandLine.Option;
import vaa.AppContext;
import vaa.io.MessageSink;
import vaa.llm.Tracer;

/** The tracing switches of the model-backed commands (mixed in). */
public final class TraceOptions {
    @Option(names = "--no-trace", description = "Send no traces or scores, even with Langfuse keys or an OTLP endpoint set"
            + " (also: VAA_TRACE=off).")
    boolean noTrace;

    @Option(names = "--trace-content", paramLabel = "on|off", description = "off: traces carry hashes of prompts and answers"
            + " instead of their text (also: VAA_TRACE_CONTENT=off).")
    String content;

    /** The command's tracer; the context flushes and closes it when the command ends. */
    Tracer open(AppContext context, MessageSink messages) {
        return context.tracer(noTrace, content, messages);
    }
}
