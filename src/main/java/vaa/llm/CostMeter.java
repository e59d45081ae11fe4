package vaa.llm;

import java.util.function.Consumer;

/**
 * Adds up what the answers through it cost at the model's prices, for the stages whose calls do not record their own
 * (insights, ask): an answer replayed from vaa's response cache costs nothing, and one paid answer without a price
 * makes the sum unknown. Thread-safe.
 */
public final class CostMeter implements LlmClient {
    private final LlmClient delegate;
    private final Prices prices;
    private double usd;
    private boolean unknown;

    public CostMeter(LlmClient delegate, Prices prices) {
        this.delegate = delegate;
        this.prices = prices;
    }

    @Override
    public LlmResponse complete(LlmRequest request, Consumer<String> onDelta) {
        LlmResponse response = delegate.complete(request, onDelta);
        Double paid = prices.paid(response, false);
        synchronized (this) {
            if (paid == null) {
                unknown = true;
            } else {
                usd += paid;
            }
        }
        return response;
    }

    /** What the answers so far cost in USD; null when one had no price. */
    public synchronized Double usd() {
        return unknown ? null : Prices.round(usd);
    }
}
