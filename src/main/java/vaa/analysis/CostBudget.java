package vaa.analysis;

import vaa.llm.Prices;

/**
 * {@code --max-cost}: the most a run's model calls may cost, counting what its earlier invocations spent. A call is
 * started only when what was spent, plus the expected cost of the calls in flight, plus its own fits under the limit;
 * once one does not, no further call starts and the calls in flight finish. A finished call counts at what it cost.
 */
final class CostBudget {
    private final double limitUsd;
    private double spentUsd;
    private double inFlightUsd;
    private boolean reached;

    CostBudget(double limitUsd, double spentBefore) {
        this.limitUsd = limitUsd;
        this.spentUsd = spentBefore;
    }

    /** Whether a call expected to cost {@code expectedUsd} may start; false from the first that may not. */
    synchronized boolean reserve(double expectedUsd) {
        if (reached || spentUsd + inFlightUsd + expectedUsd > limitUsd) {
            reached = true;
            return false;
        }
        inFlightUsd += expectedUsd;
        return true;
    }

    /** A started call ended: its expectation gives way to what it cost (the expectation when that is unknown). */
    synchronized void settle(double expectedUsd, Double actualUsd) {
        inFlightUsd -= expectedUsd;
        spentUsd += actualUsd == null ? expectedUsd : actualUsd;
    }

    synchronized boolean reached() {
        return reached;
    }

    /** "stopped at the cost limit: $0.42 spent of $0.50". */
    synchronized String why() {
        return "stopped at the cost limit: " + Prices.format(Prices.round(spentUsd)) + " spent of " + Prices.format(limitUsd);
    }
}
