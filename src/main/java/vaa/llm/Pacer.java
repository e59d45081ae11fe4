package vaa.llm;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;

/**
 * Spaces the requests to one model of one provider account (base URL and key) so that they stay within
 * its rate limits instead of bouncing off them; one per model, shared by every worker.
 *
 * <p>Each limit is a token bucket (OpenAI's model: {@code limit} is the bucket, {@code reset} the time
 * until it is full again). A request takes its cost (1 request, its estimated tokens) from every bucket
 * when it asks to go, and goes at once if they still hold enough; otherwise it waits until the refill
 * has paid the debt. Callers that come while the budget is spent each reserve the next free moment, so
 * they leave one after another at the provider's rate rather than all at once. Far from the limit no
 * request waits.
 *
 * <p>The buckets come from two sources, and a request waits for the stricter of them:
 * <ul>
 *   <li>the rate-limit headers of every response ({@link RateLimitHeaders}). {@code remaining} is the
 *   provider's count when it took that request in; what was refilled since is added, and what this
 *   process sent after that request (by when each actually went, not in which order they asked) is taken
 *   off again. The refill rate is {@code (limit - remaining) / reset}.
 *   {@code remaining} is a whole number the provider rounds down, so the rate is taken from one request
 *   less than the deficit: slightly slow rather than slightly fast.</li>
 *   <li>the limits the catalog states ({@link StatedLimits}), paced evenly: a bucket of one second's
 *   refill, so no burst a provider enforcing a per-minute limit per second would reject.</li>
 * </ul>
 * A request's tokens are a characters-per-token estimate of its prompt, scaled by what the provider's
 * usage reports said of earlier prompts, plus the output it allows (OpenAI counts {@code max_tokens} up front).
 * A {@code Retry-After} on an error holds every request back until then (up to {@code maxPause}).
 * With neither headers nor stated limits nothing is paced and the concurrency limit's AIMD is all there is.
 */
final class Pacer {
    private static final double NANOS_PER_MINUTE = 60e9;
    private static final long NANOS_PER_MILLI = 1_000_000;
    private static final long UNSENT = Long.MAX_VALUE;
    /**
     * How much later than it was sent a request is taken to have reached the provider: building and writing
     * it takes a few milliseconds, more on a busy machine, and a budget read as refilled from too early a
     * moment sends the next request before the provider has the room.
     */
    private static final long ARRIVAL_ALLOWANCE_NANOS = 50 * NANOS_PER_MILLI;
    private static final int MAX_UNCONFIRMED = 1024;
    /** How fast the prompt estimate follows the provider's counts: about the last ten answers weigh. */
    private static final double SCALE_WEIGHT = 0.1;
    private static final double MIN_SCALE = 0.25;
    private static final double MAX_SCALE = 4;

    private final Sleeper sleeper;
    private final long maxPauseNanos;
    private final Bucket statedRequests;
    private final Bucket statedTokens;
    private final Bucket requests = new Bucket();
    private final Bucket tokens = new Bucket();
    /** Requests sent (or waiting to be) since the provider last said how much is left, oldest first. */
    private final ArrayDeque<Slot> unconfirmed = new ArrayDeque<>();
    private long sequence;
    /** The latest-sent request whose answer said how much is left. */
    private Slot newestObserved;
    private long pausedUntil = Long.MIN_VALUE;
    private boolean informed;
    /** The provider's prompt tokens per estimated one, learnt from the usage of its answers. */
    private double promptScale = 1;
    private boolean scaleLearnt;

    Pacer(StatedLimits stated, Sleeper sleeper, Duration maxPause) {
        this.sleeper = sleeper;
        this.maxPauseNanos = maxPause.toNanos();
        long now = sleeper.nanoTime();
        this.statedRequests = Bucket.stated(stated.rpm(), now);
        this.statedTokens = Bucket.stated(stated.tpm(), now);
    }

    /**
     * Waits until a request may go whose prompt is about {@code promptTokens} by a characters-per-token
     * count, and which allows up to {@code outputTokens} of answer (0: not limited). The returned slot
     * takes what its response says about the limits.
     */
    Slot await(long promptTokens, long outputTokens) throws InterruptedException {
        Slot slot;
        long wait;
        synchronized (this) {
            long now = sleeper.nanoTime();
            long cost = Math.round(promptTokens * promptScale) + outputTokens;
            long debt = Math.max(Math.max(statedRequests.take(1, now), statedTokens.take(cost, now)),
                    Math.max(requests.take(1, now), tokens.take(cost, now)));
            slot = new Slot(++sequence, promptTokens, cost);
            wait = Math.max(now + debt, pausedUntil) - now;
            unconfirmed.addLast(slot);
            if (unconfirmed.size() > MAX_UNCONFIRMED) {
                unconfirmed.removeFirst();   // a provider that sends no headers never confirms any
            }
        }
        if (wait > 0) {
            try {
                // whole milliseconds, rounded up: a request sent a fraction early is one the provider refuses
                sleeper.sleep(Duration.ofMillis((wait + NANOS_PER_MILLI - 1) / NANOS_PER_MILLI));
            } catch (InterruptedException e) {
                abandon(slot);
                throw e;
            }
        }
        sent(slot);
        return slot;
    }

    /** Whether the provider has sent rate-limit headers; until it does, 429s are what there is to go by. */
    synchronized boolean informed() {
        return informed;
    }

    private synchronized void sent(Slot slot) {
        slot.sentAt = sleeper.nanoTime();
    }

    /** A request that will not be sent after all gives back what it took. */
    private synchronized void abandon(Slot slot) {
        unconfirmed.remove(slot);
        long now = sleeper.nanoTime();
        statedRequests.refund(1, now);
        requests.refund(1, now);
        statedTokens.refund(slot.cost, now);
        tokens.refund(slot.cost, now);
    }

    private synchronized void observe(Slot slot, RateLimitHeaders headers, Optional<Duration> retryAfter) {
        long now = sleeper.nanoTime();
        retryAfter.filter(w -> w.toNanos() <= maxPauseNanos).ifPresent(w -> pausedUntil = Math.max(pausedUntil, now + w.toNanos()));
        if (!headers.any()) {
            return;
        }
        informed = true;
        if (newestObserved != null && newestObserved.wentAfter(slot)) {
            return;   // an answer overtaken by a later request's: its counts are older than what is known
        }
        newestObserved = slot;
        // the provider's count includes every request that reached it first; the others are still to come off it
        double requestsAfter = 0;
        double tokensAfter = 0;
        for (Iterator<Slot> it = unconfirmed.iterator(); it.hasNext(); ) {
            Slot other = it.next();
            if (!other.wentAfter(slot)) {
                it.remove();
            } else {
                requestsAfter += 1;
                tokensAfter += other.cost;
            }
        }
        double requestsLater = requestsAfter;
        double tokensLater = tokensAfter;
        headers.requests().ifPresent(b -> requests.observe(b, slot.sentAt, requestsLater, now));
        headers.tokens().ifPresent(b -> tokens.observe(b, slot.sentAt, tokensLater, now));
    }

    private synchronized void done(Slot slot, LlmResponse.Usage usage) {
        if (usage.promptTokens() > 0 && slot.promptTokens > 0) {
            double seen = Math.max(MIN_SCALE, Math.min(MAX_SCALE, (double) usage.promptTokens() / slot.promptTokens));
            promptScale = scaleLearnt ? promptScale + SCALE_WEIGHT * (seen - promptScale) : seen;
            scaleLearnt = true;
        }
        // without headers for tokens the estimate is all the stated bucket knows: settle it with the real count
        if (usage.totalTokens() > 0) {
            statedTokens.refund(slot.cost - usage.totalTokens(), sleeper.nanoTime());
        }
    }

    /** One request let through. */
    final class Slot {
        private final long sequence;
        private final long promptTokens;
        private final long cost;
        /** When its wait was over, so when it went to the provider (guarded by the pacer). */
        private long sentAt = UNSENT;

        private Slot(long sequence, long promptTokens, long cost) {
            this.sequence = sequence;
            this.promptTokens = promptTokens;
            this.cost = cost;
        }

        /** Whether this went to the provider after {@code other} (or has not gone yet); ties go by who asked first. */
        private boolean wentAfter(Slot other) {
            return sentAt != other.sentAt ? sentAt > other.sentAt : sequence > other.sequence;
        }

        /** The response's rate-limit headers and, on an error, the wait it asked for. */
        void observe(RateLimitHeaders headers, Optional<Duration> retryAfter) {
            Pacer.this.observe(this, headers, retryAfter);
        }

        /** The request's token usage as the provider counted it (zeros when it did not say). */
        void done(LlmResponse.Usage usage) {
            Pacer.this.done(this, usage);
        }
    }

    /** One limit; a rate of 0 means unknown, and then it holds nothing back. */
    private static final class Bucket {
        private double capacity;
        private double ratePerNano;
        private double level;
        private long at;

        static Bucket stated(long perMinute, long now) {
            Bucket b = new Bucket();
            if (perMinute > 0) {
                b.ratePerNano = perMinute / NANOS_PER_MINUTE;
                b.capacity = perMinute / 60.0;
                b.level = b.capacity;
                b.at = now;
            }
            return b;
        }

        /**
         * Takes {@code cost} and returns the nanoseconds until the bucket holds it. A request costing more
         * than the whole bucket goes when the bucket is full; the debt then holds back the next.
         */
        long take(double cost, long now) {
            if (ratePerNano <= 0) {
                return 0;
            }
            refill(now);
            double missing = Math.min(cost, capacity) - level;
            level -= cost;
            return missing <= 0 ? 0 : (long) Math.ceil(missing / ratePerNano);
        }

        void refund(double amount, long now) {
            if (ratePerNano > 0) {
                refill(now);
                level = Math.min(capacity, level + amount);
            }
        }

        /** What the provider said of a request sent at {@code sentAt}; {@code sentLater} went out after it. */
        void observe(RateLimitHeaders.Budget budget, long sentAt, double sentLater, long now) {
            capacity = budget.limit();
            double deficit = budget.limit() - budget.remaining();
            Optional<Duration> reset = budget.reset().filter(r -> !r.isZero());
            if (reset.isPresent() && deficit >= 2) {
                ratePerNano = (deficit - 1) / reset.get().toNanos();
            } else if (reset.isPresent() && deficit >= 1 && ratePerNano <= 0) {
                ratePerNano = deficit / reset.get().toNanos();
            } else if (ratePerNano <= 0) {
                ratePerNano = budget.limit() / NANOS_PER_MINUTE;   // no reset sent: OpenAI's names are per minute
            }
            double refilled = ratePerNano * Math.max(0, now - sentAt - ARRIVAL_ALLOWANCE_NANOS);
            level = Math.min(capacity, budget.remaining() + refilled) - sentLater;
            at = now;
        }

        private void refill(long now) {
            if (now > at) {
                level = Math.min(capacity, level + ratePerNano * (now - at));
                at = now;
            }
        }
    }
}
