package vaa.trace;

import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.Tracer;

/** Opens the tracer a command uses: OpenTelemetry when {@link TraceSettings} find somewhere to send, else {@link Tracer#OFF}. */
public final class Tracing {
    private Tracing() {}

    /**
     * @param noTrace     {@code --no-trace}
     * @param contentFlag {@code --trace-content} as given, null when not given
     * @param version     vaa's version, recorded on every trace
     * @param messages    where the one warning about tracing goes
     */
    public static Tracer open(Env env, boolean noTrace, String contentFlag, String version, MessageSink messages) {
        TraceSettings.Resolved resolved = TraceSettings.resolve(env, noTrace, contentFlag);
        if (resolved instanceof TraceSettings.Off off) {
            if (off.warning() != null) {
                messages.warn(off.warning());
            }
            return Tracer.OFF;
        }
        return new OtelTracer(((TraceSettings.On) resolved).settings(), version, messages);
    }
}
