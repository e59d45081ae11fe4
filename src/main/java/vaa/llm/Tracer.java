package vaa.llm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a command's model calls are traced (an OpenTelemetry backend such as Langfuse), or nowhere
 * ({@link #OFF}). The command that opens one closes it; stages get it from their setup and use it in
 * two ways: they open a {@link Span} per unit of work (a trace, or a step inside one), and they tag
 * the requests made for that work with {@link LlmRequest#traced(Call)}, so that {@link LlmRuntime}'s
 * outermost decorator records each call as a generation inside it. Tracing never throws into the
 * work it watches and never waits on the backend except in {@link #flush()} and {@link #close()}.
 */
public interface Tracer extends AutoCloseable {
    Tracer OFF = new Tracer() {
        @Override
        public Span trace(Start start) {
            return Span.NONE;
        }

        @Override
        public LlmClient decorate(LlmClient client, ResolvedModel model) {
            return client;
        }

        @Override
        public LlmCallListener callListener() {
            return LlmCallListener.NONE;
        }

        @Override
        public Map<String, Object> flush() {
            return Map.of();
        }
    };

    /** Starts a trace; the caller closes it when the work it covers is done. */
    Span trace(Start start);

    /** The client with every call recorded; {@link LlmRuntime} puts it outermost, so a cached answer is seen as cached. */
    LlmClient decorate(LlmClient client, ResolvedModel model);

    /** Told of the retries and slot waits of the call in progress on the calling thread. */
    LlmCallListener callListener();

    /**
     * Waits a short, bounded time for what was recorded so far to be sent, and says how sending went
     * (spans and scores sent, not sent, and why) for status.json; empty when tracing is off. A failure
     * to send is told once through the command's messages, never thrown.
     */
    Map<String, Object> flush();

    /** Sends what is left within a short bound and releases the exporter; the one who opened the tracer closes it. */
    @Override
    default void close() {}

    /** A trace, or a step inside one. Closing it ends it; its calls and children should end first. */
    interface Span extends AutoCloseable {
        Span NONE = new Span() {
            @Override
            public Span child(String name, Map<String, String> metadata) {
                return this;
            }

            @Override
            public void score(String name, String category) {}

            @Override
            public void score(String name, boolean value) {}

            @Override
            public void fail(String message) {}

            @Override
            public void close() {}
        };

        /** A step of this trace (one assist turn, say), closed by the caller. */
        Span child(String name, Map<String, String> metadata);

        /** A categorical judgement of this trace's work (a Langfuse score where the backend is Langfuse). */
        void score(String name, String category);

        /** A yes/no judgement of this trace's work. */
        void score(String name, boolean value);

        /** Marks the work as failed, with a message that carries no secret. */
        void fail(String message);

        @Override
        void close();
    }

    /**
     * What a trace is about: its {@code name} (the same for every trace of a kind, so a backend can
     * group them: "analysis", "insights", "ask", "assist"), the session it belongs to (a run id), the
     * stage, model key and prompt, and any further metadata (a call id, say). Nulls are left out.
     */
    record Start(String name, String sessionId, String stage, String modelKey, PromptRef prompt, Map<String, String> metadata) {
        public Start {
            metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        }

        public Start with(String key, String value) {
            Map<String, String> next = new LinkedHashMap<>(metadata);
            next.put(key, value);
            return new Start(name, sessionId, stage, modelKey, prompt, next);
        }
    }

    /**
     * The prompt a call was made from. {@code managed}: it came from Langfuse, so a generation can be
     * linked to that prompt version there; a local or built-in copy is only named.
     */
    record PromptRef(String name, int version, String source, boolean managed) {}

    /**
     * How one request is traced: under which span, from which prompt (may be null) and named how
     * ("judge", "merge"; null: after the model). A request without one becomes a trace of its own.
     */
    record Call(Span parent, PromptRef prompt, String name) {
        public static final Call NONE = new Call(Span.NONE, null, null);

        public Call {
            parent = parent == null ? Span.NONE : parent;
        }

        public Call named(String newName) {
            return new Call(parent, prompt, newName);
        }
    }
}
