package vaa.llm;

/**
 * A model's rate limits as the catalog states them ({@code "rpm"}, {@code "tpm"}): requests and tokens
 * per minute, 0 when not stated. For providers that send no rate-limit headers (see {@link Pacer}).
 */
public record StatedLimits(long rpm, long tpm) {
    public static final StatedLimits NONE = new StatedLimits(0, 0);

    public StatedLimits {
        if (rpm < 0 || tpm < 0) {
            throw new IllegalArgumentException("rate limits cannot be negative");
        }
    }

    /** These limits with each one the other states laid over it. */
    StatedLimits over(StatedLimits base) {
        return new StatedLimits(rpm > 0 ? rpm : base.rpm, tpm > 0 ? tpm : base.tpm);
    }
}
