package vaa.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CostBudgetTest {
    @Test
    void aCallStartsOnlyWhileSpentPlusInFlightPlusItsOwnEstimateFitsAndNoneAfterTheFirstRefusal() {
        CostBudget budget = new CostBudget(1.0, 0.2);   // earlier invocations spent 0.20
        assertThat(budget.reserve(0.3)).isTrue();
        assertThat(budget.reserve(0.3)).isTrue();        // 0.2 + 0.6 in flight
        assertThat(budget.reserve(0.3)).isFalse();       // 1.1 would pass the limit
        budget.settle(0.3, 0.05);                        // the first call cost far less than expected
        assertThat(budget.reserve(0.01)).isFalse();      // still stopped: no call starts once one was refused
        assertThat(budget.reached()).isTrue();
        budget.settle(0.3, 0.05);
        assertThat(budget.why()).isEqualTo("stopped at the cost limit: $0.30 spent of $1.00");
    }

    @Test
    void aCallWithAnUnknownActualCostCountsAtItsEstimate() {
        CostBudget budget = new CostBudget(1.0, 0);
        assertThat(budget.reserve(0.4)).isTrue();
        budget.settle(0.4, null);
        assertThat(budget.reserve(0.5)).isTrue();
        assertThat(budget.reserve(0.2)).isFalse();
    }
}
