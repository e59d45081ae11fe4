package vaa.prompt;

import java.util.Objects;
import vaa.io.MessageSink;

/**
 * The default prompt source ({@code --prompt-source auto} with Langfuse configured): Langfuse first; a prompt it
 * lacks comes from the local files (the workspace's prompts/, then the built-in copy) with a one-line warning, and
 * an unreachable Langfuse is said once and not asked again in this process. The prompt's own source is recorded
 * with every result, so a run never hides which prompt it used. {@code --prompt-source langfuse} stays strict.
 */
final class LangfuseOrLocal implements PromptSource {
    private final PromptSource remote;
    private final LocalPromptSource local;
    private final MessageSink messages;
    private volatile boolean unreachable;

    LangfuseOrLocal(PromptSource remote, LocalPromptSource local, MessageSink messages) {
        this.remote = Objects.requireNonNull(remote, "remote");
        this.local = Objects.requireNonNull(local, "local");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    @Override
    public Prompt get(String name, PromptSelector selector) {
        if (unreachable) {
            return local.get(name, selector);
        }
        try {
            return remote.get(name, selector);
        } catch (PromptNotFoundException missing) {
            if (local.locate(name).isEmpty()) {
                throw missing;
            }
            Prompt copy = local.get(name, selector);
            messages.warn(missing.getMessage() + "; using the " + describeLocal(copy) + " (--prompt-source langfuse to insist)");
            return copy;
        } catch (LangfuseUnreachableException e) {
            giveUp(e);
            return local.get(name, selector);
        }
    }

    @Override
    public void probe() {
        if (unreachable) {
            return;
        }
        try {
            remote.probe();
        } catch (LangfuseUnreachableException e) {
            giveUp(e);
        }
    }

    private synchronized void giveUp(LangfuseUnreachableException e) {
        if (!unreachable) {
            unreachable = true;
            messages.warn(e.getMessage() + "; prompts come from local files for the rest of this command");
        }
    }

    private static String describeLocal(Prompt p) {
        return p.source().equals(LocalPromptSource.BUILT_IN) ? "built-in copy" : "local copy (" + p.source() + ")";
    }

    @Override
    public String describe() {
        return unreachable ? local.describe() : remote.describe();
    }
}
