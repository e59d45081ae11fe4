package vaa.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import vaa.io.MessageSink;

/** A {@link MessageSink} that keeps what a core service told the user, warnings prefixed "[warn] " as the CLI shows them. */
public final class MessageLog implements MessageSink {
    private final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void info(String message) {
        lines.add(message);
    }

    @Override
    public void warn(String message) {
        lines.add("[warn] " + message);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }
}
