package vaa.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vaa.compare.RunComparison.AgreementRow;
import vaa.compare.RunComparison.RateRow;
import vaa.compare.RunComparison.Regression;

/**
 * {@code runs compare A B --fail-on-regression}: the headline rates on which B is significantly worse than A at
 * 95% (the rates' two-proportion z-test). Worse is lower for resolution, task completion and the judge's agreement
 * with labels, higher for escalation requests, friction and agent errors. A difference in the better direction,
 * however large, is never a regression, and neither is an insignificant one.
 */
public final class RegressionGate {
    /** Headline rate → true when higher is better. Rates not listed (the outcome shares) are not gated. */
    static final Map<String, Boolean> HIGHER_IS_BETTER = Map.of(
            "resolution_rate", true,
            "task_completion", true,
            "escalation_requested", false,
            "friction_rate", false,
            "agent_error_rate", false);

    static final String AGREEMENT = "agreement:";

    private RegressionGate() {}

    static List<Regression> regressions(List<RateRow> rates, List<AgreementRow> agreement) {
        List<Regression> out = new ArrayList<>();
        for (RateRow r : rates) {
            Boolean higherIsBetter = HIGHER_IS_BETTER.get(r.metric());
            if (higherIsBetter != null && r.significant() && r.delta() != null && (higherIsBetter ? r.delta() < 0 : r.delta() > 0)) {
                out.add(new Regression(r.metric(), higherIsBetter ? "lower" : "higher", r.a().share(), r.b().share(), r.delta(),
                        r.test().pValue()));
            }
        }
        for (AgreementRow g : agreement) {
            if (g.significant() && g.delta() != null && g.delta() < 0) {
                out.add(new Regression(AGREEMENT + g.field(), "lower", g.a().accuracy(), g.b().accuracy(), g.delta(), g.test().pValue()));
            }
        }
        return List.copyOf(out);
    }
}
