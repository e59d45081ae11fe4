package vaa.trace;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tracing handed over and what arrived, for spans and scores alike: the figures status.json
 * records, the first problem, and the one warning line. A destination that failed
 * {@link #GIVE_UP_AFTER} sends in a row is taken to be down for the rest of the command, so a dead
 * collector costs a few failed connections, not one per batch; one that keeps a flush waiting past
 * its bound is given up at once, so a collector that accepts connections and never answers delays a
 * command once, not at every flush. Thread-safe.
 */
final class Delivery {
    static final int GIVE_UP_AFTER = 3;

    /** One kind of item (spans or scores). */
    static final class Counts {
        private final AtomicLong handed = new AtomicLong();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicInteger failuresInARow = new AtomicInteger();
        private volatile String problem;

        void handed(long n) {
            handed.addAndGet(n);
        }

        void sent(long n) {
            sent.addAndGet(n);
            failuresInARow.set(0);
        }

        /** A send that failed, {@code why} in words that carry no secret. */
        void failed(String why) {
            if (problem == null) {
                problem = why;
            }
            failuresInARow.incrementAndGet();
        }

        boolean givenUp() {
            return failuresInARow.get() >= GIVE_UP_AFTER;
        }

        /** The destination did not answer within a flush's bound: waiting for it again would only add the same delay. */
        void giveUp(String why) {
            if (problem == null) {
                problem = why;
            }
            failuresInARow.set(GIVE_UP_AFTER);
        }

        long sent() {
            return sent.get();
        }

        long notSent() {
            return Math.max(0, handed.get() - sent.get());
        }
    }

    private final String host;
    private final boolean scoring;
    final Counts spans = new Counts();
    final Counts scores = new Counts();
    private boolean warned;

    Delivery(String host, boolean scoring) {
        this.host = host;
        this.scoring = scoring;
    }

    /** For status.json: what was sent and what not, since the command started. */
    Map<String, Object> report() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("to", host);
        r.put("spans_sent", spans.sent());
        r.put("spans_not_sent", spans.notSent());
        if (scoring) {
            r.put("scores_sent", scores.sent());
            r.put("scores_not_sent", scores.notSent());
        }
        problem().ifPresent(p -> r.put("problem", p));
        return r;
    }

    /** The warning line, the first time something could not be sent; empty afterwards and while all is well. */
    synchronized Optional<String> warningOnce() {
        Optional<String> problem = problem();
        if (warned || problem.isEmpty()) {
            return Optional.empty();
        }
        warned = true;
        long lostScores = scores.notSent();
        return Optional.of("Tracing: " + spans.notSent() + " span" + (spans.notSent() == 1 ? "" : "s")
                + (lostScores > 0 ? " and " + lostScores + " score" + (lostScores == 1 ? "" : "s") : "")
                + " could not be sent to " + host + " (" + problem.get() + "); vaa goes on without them (--no-trace turns tracing off).");
    }

    /** An I/O failure in a few words; OkHttp's messages name host and port, never credentials. */
    static String describe(Throwable failure) {
        if (failure instanceof ConnectException) {
            return "unreachable: connection refused";
        }
        if (failure instanceof UnknownHostException) {
            return "unknown host";
        }
        if (failure instanceof InterruptedIOException) {
            return "no answer in time";
        }
        return failure.getClass().getSimpleName() + (failure.getMessage() == null ? "" : ": " + failure.getMessage());
    }

    private Optional<String> problem() {
        return Optional.ofNullable(spans.problem).or(() -> Optional.ofNullable(scores.problem));
    }
}
