package vaa.llm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PricesTest {
    private final Prices gpt4oMini = new Prices(0.15, 0.075, 0.60, 0.5);

    @Test
    void aCallCostsUncachedPromptAtInputCachedAtCachedInputAndCompletionAtOutput() {
        LlmResponse.Usage usage = new LlmResponse.Usage(1_000_000, 100_000, 1_100_000, 400_000);
        // 600k·0.15 + 400k·0.075 + 100k·0.60 per million
        assertThat(gpt4oMini.cost(usage, false)).hasValue(0.09 + 0.03 + 0.06);
    }

    @Test
    void theBatchApiTakesTheDiscountOffTheWholeCall() {
        LlmResponse.Usage usage = new LlmResponse.Usage(1_000_000, 100_000, 1_100_000, 400_000);
        assertThat(gpt4oMini.cost(usage, true)).hasValue(0.09);
    }

    @Test
    void withoutACachedPriceCachedTokensCostTheInputPrice() {
        Prices groq = new Prices(0.15, null, 0.60, 0);
        assertThat(groq.cost(new LlmResponse.Usage(2_000_000, 0, 2_000_000, 1_000_000), false)).hasValue(0.30);
    }

    @Test
    void anUnknownPriceGivesNoCostAndReadsUnknownNeverZero() {
        assertThat(Prices.UNKNOWN.cost(new LlmResponse.Usage(10, 10, 20), false)).isEmpty();
        assertThat(new Prices(0.15, null, null, 0).known()).isFalse();
        assertThat(Prices.format(null)).isEqualTo("unknown");
        assertThat(Prices.UNKNOWN.describe()).isEqualTo("unknown");
    }

    @Test
    void moneyReadsAsCentsFromADollarAndThreeSignificantPlacesBelow() {
        assertThat(Prices.format(0.0)).isEqualTo("$0.00");
        assertThat(Prices.format(0.000123456)).isEqualTo("$0.000123");
        assertThat(Prices.format(0.5)).isEqualTo("$0.50");
        assertThat(Prices.format(1234.5)).isEqualTo("$1,234.50");
        assertThat(gpt4oMini.describe()).isEqualTo("$0.15 / $0.60 per 1M tokens (cached $0.075)");
    }
}
