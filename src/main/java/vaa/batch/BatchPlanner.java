package vaa.batch;

import java.util.ArrayList;
import java.util.List;
import vaa.llm.BatchLimits;

/**
 * Splits the calls to submit into batches within the provider's limits: requests per batch and bytes per input file.
 * Calls are taken in order, as they are prepared (a batch is closed when the next call would not fit), so a run's
 * request lines can go to disk one by one instead of being held until the whole plan is known.
 */
public final class BatchPlanner {
    /** A call to submit and the size of its request line. */
    public record Item(String callId, long bytes) {}

    /** The batches, in order, and the calls whose request alone is over the byte limit (they cannot go in any batch). */
    public record Plan(List<List<String>> batches, List<String> tooLarge) {}

    /** Where {@link #add} put a call. */
    public enum Placed { SAME_BATCH, NEW_BATCH, TOO_LARGE }

    private final BatchLimits limits;
    private final List<List<String>> batches = new ArrayList<>();
    private final List<String> tooLarge = new ArrayList<>();
    private List<String> current = new ArrayList<>();
    private long bytes;

    public BatchPlanner(BatchLimits limits) {
        this.limits = limits;
    }

    public static Plan plan(List<Item> items, BatchLimits limits) {
        BatchPlanner planner = new BatchPlanner(limits);
        items.forEach(i -> planner.add(i.callId(), i.bytes()));
        return planner.plan();
    }

    /** Places the next call, whose request line (without its newline) is {@code lineBytes} long. */
    public Placed add(String callId, long lineBytes) {
        long size = lineBytes + 1;   // its newline
        if (size > limits.maxBytes()) {
            tooLarge.add(callId);
            return Placed.TOO_LARGE;
        }
        Placed placed = Placed.SAME_BATCH;
        if (current.isEmpty() || current.size() >= limits.maxRequests() || bytes + size > limits.maxBytes()) {
            current = new ArrayList<>();
            batches.add(current);
            bytes = 0;
            placed = Placed.NEW_BATCH;
        }
        current.add(callId);
        bytes += size;
        return placed;
    }

    public Plan plan() {
        return new Plan(batches.stream().map(List::copyOf).toList(), List.copyOf(tooLarge));
    }
}
