package vaa.ask;

import java.util.List;
import java.util.Optional;

/**
 * The person on the other side of an {@link AskSession}: where questions come from and answers go.
 * The JLine version lives in {@code vaa.ui}; tests script it. As an {@link AskListener} it receives
 * the answer while it streams.
 */
public interface AskConsole extends AskListener {
    /** The next line typed, or empty at the end of input (Ctrl+D). */
    Optional<String> readLine(String runId);

    /** A run is ready for questions (at the start, and after {@code /run}). */
    void opened(AskEngine engine);

    void answered(AskResult result);

    /** The answer in progress was cancelled (Ctrl+C); the session goes on. */
    void cancelled();

    void help();

    /** {@code /run} without an id: the runs there are, and the current one. */
    void runs(List<String> ids, String current);

    void error(String message);
}
