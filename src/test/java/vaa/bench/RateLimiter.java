package vaa.bench;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import okhttp3.mockwebserver.MockResponse;

/**
 * The rate limit of the benchmark server, as OpenAI describes its own: a token bucket per limit, holding
 * {@code rps × windowS} requests (and {@code tpm / 60 × windowS} tokens), refilled continuously at
 * {@code rps} (and {@code tpm / 60}) a second. A request is admitted on arrival if a request and its tokens
 * are left, else refused; its tokens are its body bytes / 4, which its answer's usage then reports as its
 * prompt tokens. With {@code headers} every answer says where the budget stands:
 * {@code x-ratelimit-limit-requests} (the bucket), {@code x-ratelimit-remaining-requests} (what is left,
 * rounded down), {@code x-ratelimit-reset-requests} (the time until the bucket is full again, a Go-style
 * duration such as {@code 940ms} or {@code 1m0s}) and the {@code -tokens} variants when a token limit is
 * set. With {@code retryAfter} a 429 also carries {@code retry-after-ms} and {@code retry-after}, the time
 * until the refused request would fit.
 *
 * <p>Records every admission's time and cost, and the refusals, for {@link RateLimitBench}.
 */
public final class RateLimiter {
    private final double rps;
    private final double tokensPerSecond;
    private final double requestCapacity;
    private final double tokenCapacity;
    private final boolean headers;
    private final boolean retryAfter;
    private double requestLevel;
    private double tokenLevel;
    private long at = System.nanoTime();
    private long boundAt = Long.MIN_VALUE;
    private final List<long[]> admissions = new ArrayList<>();
    private final List<Long> refusals = new ArrayList<>();

    public RateLimiter(double rps, double windowS, long tpm, boolean headers, boolean retryAfter) {
        this.rps = rps;
        this.tokensPerSecond = tpm / 60.0;
        this.requestCapacity = rps * windowS;
        this.tokenCapacity = tokensPerSecond * windowS;
        this.headers = headers;
        this.retryAfter = retryAfter;
        this.requestLevel = requestCapacity;
        this.tokenLevel = tokenCapacity;
    }

    /** The outcome for one request, with the budget as it stood right after. */
    public record Decision(boolean admitted, long tokens, long requestLimit, double requestLevel, double requestResetS,
                           long tokenLimit, double tokenLevel, double tokenResetS, double retryAfterS, boolean headers,
                           boolean retryAfter) {
        MockResponse addHeaders(MockResponse r) {
            if (headers) {
                r.setHeader("x-ratelimit-limit-requests", requestLimit)
                        .setHeader("x-ratelimit-remaining-requests", (long) Math.floor(requestLevel))
                        .setHeader("x-ratelimit-reset-requests", goDuration(requestResetS));
                if (tokenLimit > 0) {
                    r.setHeader("x-ratelimit-limit-tokens", tokenLimit)
                            .setHeader("x-ratelimit-remaining-tokens", (long) Math.floor(tokenLevel))
                            .setHeader("x-ratelimit-reset-tokens", goDuration(tokenResetS));
                }
            }
            if (!admitted && retryAfter) {
                r.setHeader("retry-after-ms", Math.max(1, Math.round(retryAfterS * 1000)))
                        .setHeader("retry-after", Math.max(1, (long) Math.ceil(retryAfterS)));
            }
            return r;
        }
    }

    public synchronized Decision admit(long bodyBytes) {
        long now = System.nanoTime();
        double elapsedS = (now - at) / 1e9;
        at = now;
        requestLevel = Math.min(requestCapacity, requestLevel + elapsedS * rps);
        tokenLevel = Math.min(tokenCapacity, tokenLevel + elapsedS * tokensPerSecond);
        long tokens = (bodyBytes + 3) / 4;
        boolean admitted = requestLevel >= 1 && (tokensPerSecond <= 0 || tokenLevel >= Math.min(tokens, tokenCapacity));
        if (admitted) {
            requestLevel -= 1;
            tokenLevel -= tokensPerSecond > 0 ? tokens : 0;
            admissions.add(new long[] {now, tokens});
            if (boundAt == Long.MIN_VALUE && (requestLevel < 1 || tokensPerSecond > 0 && tokenLevel < tokens)) {
                boundAt = now;   // from here on the limit, not the demand, sets the pace
            }
        } else {
            refusals.add(now);
            if (boundAt == Long.MIN_VALUE) {
                boundAt = now;
            }
        }
        double wait = Math.max(requestLevel >= 1 ? 0 : (1 - requestLevel) / rps,
                tokensPerSecond <= 0 || tokenLevel >= tokens ? 0 : (Math.min(tokens, tokenCapacity) - tokenLevel) / tokensPerSecond);
        return new Decision(admitted, tokens, Math.round(requestCapacity), requestLevel, (requestCapacity - requestLevel) / rps,
                Math.round(tokenCapacity), tokenLevel, tokensPerSecond <= 0 ? 0 : (tokenCapacity - tokenLevel) / tokensPerSecond,
                wait, headers, retryAfter);
    }

    /** Admissions so far as {nanoTime, tokens}, in order. */
    public synchronized List<long[]> admissions() {
        return new ArrayList<>(admissions);
    }

    public synchronized int refused() {
        return refusals.size();
    }

    /** The times of the refusals, as nanoTime. */
    public synchronized List<Long> refusals() {
        return new ArrayList<>(refusals);
    }

    /** When the limit first held a request back or ran dry, as nanoTime; Long.MIN_VALUE if never. */
    public synchronized long boundAt() {
        return boundAt;
    }

    public double rps() {
        return rps;
    }

    public double tokensPerSecond() {
        return tokensPerSecond;
    }

    /** As OpenAI writes resets: {@code 12ms}, {@code 8.64s}, {@code 1m0s}, {@code 2h0m0s}. */
    static String goDuration(double seconds) {
        long ms = Math.max(0, Math.round(seconds * 1000));
        if (ms < 1000) {
            return ms + "ms";
        }
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        String s = BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString();
        return (h > 0 ? h + "h" : "") + (h > 0 || m > 0 ? m + "m" : "") + s + "s";
    }
}
