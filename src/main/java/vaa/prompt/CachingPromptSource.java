package vaa.prompt;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import vaa.VaaException;

/**
 * Remembers each (name, selector) answer for the life of this instance, so a prompt used at every
 * step of a run is fetched once. Concurrent callers asking for the same prompt share one fetch;
 * failures are not remembered, so a later call tries again.
 */
final class CachingPromptSource implements PromptSource {
    private record Key(String name, PromptSelector selector) {}

    private final PromptSource delegate;
    private final ConcurrentMap<Key, CompletableFuture<Prompt>> cache = new ConcurrentHashMap<>();

    CachingPromptSource(PromptSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    @Override
    public Prompt get(String name, PromptSelector selector) {
        Key key = new Key(name, selector);
        CompletableFuture<Prompt> mine = new CompletableFuture<>();
        CompletableFuture<Prompt> existing = cache.putIfAbsent(key, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            Prompt prompt = delegate.get(name, selector);
            mine.complete(prompt);
            return prompt;
        } catch (RuntimeException | Error e) {
            cache.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    @Override
    public void probe() {
        delegate.probe();
    }

    private static Prompt await(CompletableFuture<Prompt> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new VaaException(VaaException.INTERRUPTED, "Interrupted while waiting for a prompt", e);
        } catch (ExecutionException e) {
            // The first caller's own exception, so waiting callers see the same message and exit code.
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String describe() {
        return delegate.describe();
    }
}
