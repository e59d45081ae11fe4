package vaa.llm;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A model's list prices in USD per million tokens, as the catalog states them ({@code "price": {"input",
 * "cached_input", "output"}}), and the provider's {@code batch_discount}: the fraction taken off a call made
 * through its Batch API (0.5 = half price). {@code input} or {@code output} null means the price is unknown, and
 * so is every cost made with it: never 0. {@code cachedInput} null charges cached prompt tokens at the input price
 * (an upper bound where the provider's cache discount is not stated).
 */
public record Prices(@JsonProperty("input") Double input, @JsonProperty("cached_input") Double cachedInput,
                     @JsonProperty("output") Double output, @JsonProperty("batch_discount") double batchDiscount) {
    public static final Prices UNKNOWN = new Prices(null, null, null, 0);
    private static final double PER = 1_000_000.0;

    @JsonIgnore
    public boolean known() {
        return input != null && output != null;
    }

    /**
     * What one model call cost: uncached prompt tokens at the input price, cached ones at the cached-input price,
     * completion tokens at the output price, the whole less the batch discount when the call went through the
     * provider's Batch API. Empty when the prices are unknown.
     */
    public OptionalDouble cost(LlmResponse.Usage usage, boolean batch) {
        if (!known()) {
            return OptionalDouble.empty();
        }
        long cached = Math.min(usage.cachedPromptTokens(), usage.promptTokens());
        double usd = (usage.promptTokens() - cached) * input / PER
                + cached * (cachedInput == null ? input : cachedInput) / PER
                + usage.completionTokens() * output / PER;
        return OptionalDouble.of(round(batch ? usd * (1 - batchDiscount) : usd));
    }

    /** What this run paid for an answer: nothing for one replayed from vaa's response cache; null when the price is unknown. */
    public Double paid(LlmResponse response, boolean batch) {
        if (response.cached()) {
            return 0.0;
        }
        OptionalDouble c = cost(response.usage(), batch);
        return c.isPresent() ? c.getAsDouble() : null;
    }

    /** To a ten-billionth of a dollar: far below any price, and files show 1.2E-4 rather than 1.2000000000000002E-4. */
    public static double round(double usd) {
        return Math.round(usd * 1e10) / 1e10;
    }

    /** "$0.15 / $0.60 per 1M tokens (cached $0.075)", or "unknown". */
    public String describe() {
        if (!known()) {
            return "unknown";
        }
        return format(input) + " / " + format(output) + " per 1M tokens" + (cachedInput == null ? "" : " (cached " + format(cachedInput) + ")");
    }

    /** A sum of money as people read it: cents from a dollar, three significant places below; "unknown" for null. */
    public static String format(Double usd) {
        if (usd == null) {
            return "unknown";
        }
        if (usd == 0) {
            return "$0.00";
        }
        if (Math.abs(usd) >= 1) {
            return String.format(Locale.ROOT, "$%,.2f", usd);
        }
        BigDecimal small = new BigDecimal(usd).round(new MathContext(3)).stripTrailingZeros();
        return "$" + (small.scale() < 2 ? small.setScale(2) : small).toPlainString();
    }
}
