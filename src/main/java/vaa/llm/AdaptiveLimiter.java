package vaa.llm;

/**
 * Bounds the requests in flight to one provider, AIMD-style: the limit starts at the configured
 * maximum, halves when the provider answers 429, and creeps back up by one per limit's worth of
 * successes. Only a request admitted after the latest cut can cut again, so a burst of 429s from
 * requests that were all in flight at once halves the limit once rather than collapsing it to one.
 */
public final class AdaptiveLimiter {
    private final int max;
    private double limit;
    private int inFlight;
    private long epoch;

    public AdaptiveLimiter(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.max = max;
        this.limit = max;
    }

    /** Waits for a slot; the returned permit must be released exactly once. */
    public synchronized Permit acquire() throws InterruptedException {
        while (inFlight >= currentLimit()) {
            wait();
        }
        inFlight++;
        return new Permit(epoch);
    }

    public synchronized int currentLimit() {
        return (int) Math.floor(limit);
    }

    public synchronized int inFlight() {
        return inFlight;
    }

    private synchronized void release(long admittedEpoch, Outcome outcome) {
        inFlight--;
        if (outcome == Outcome.RATE_LIMITED && admittedEpoch == epoch) {
            limit = Math.max(1, Math.floor(limit / 2));
            epoch++;
        } else if (outcome == Outcome.SUCCESS && limit < max) {
            limit = Math.min(max, limit + 1.0 / Math.floor(limit));
        }
        notifyAll();
    }

    public enum Outcome { SUCCESS, RATE_LIMITED, OTHER_FAILURE }

    /** One admitted request. */
    public final class Permit {
        private final long admittedEpoch;
        private boolean released;

        private Permit(long admittedEpoch) {
            this.admittedEpoch = admittedEpoch;
        }

        public void release(Outcome outcome) {
            synchronized (AdaptiveLimiter.this) {
                if (released) {
                    throw new IllegalStateException("permit released twice");
                }
                released = true;
            }
            AdaptiveLimiter.this.release(admittedEpoch, outcome);
        }
    }
}
