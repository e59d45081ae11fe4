package vaa.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import vaa.io.Json;
import vaa.llm.Prices;
import vaa.run.Run;
import vaa.run.StageStatus;

/**
 * Tokens and money behind every analysis and error file of a run, read from their provenance: the true total even
 * when earlier invocations crashed before recording theirs. A call that used tokens but has no {@code cost_usd} (a
 * model without a price, or a file from before vaa priced calls) is counted in {@code unpricedCalls}, and the run's
 * cost is then unknown rather than too low. A call replayed from vaa's response cache cost this run nothing.
 */
public record RunSpend(Provenance.Tokens tokens, double knownUsd, int unpricedCalls) {
    public static final String COST = StageStatus.COST_USD;
    public static final String UNPRICED = StageStatus.UNPRICED_CALLS;

    /** The cost in USD, null when some call's is unknown. */
    public Double usd() {
        return unpricedCalls > 0 ? null : knownUsd;
    }

    public static RunSpend of(Run run) {
        Provenance.Tokens tokens = Provenance.Tokens.NONE;
        double usd = 0;
        int unpriced = 0;
        for (Path p : AnalysisFiles.list(run)) {
            JsonNode provenance;
            try {
                provenance = Json.MAPPER.readTree(p.toFile()).path("provenance");
            } catch (IOException e) {
                continue; // an unreadable file is reported by metrics; it carries no countable usage
            }
            JsonNode u = provenance.path("usage");
            if (!u.isObject()) {
                continue;
            }
            tokens = tokens.plus(new Provenance.Tokens(u.path("prompt_tokens").asLong(), u.path("completion_tokens").asLong(),
                    u.path("total_tokens").asLong(), u.path("cached_tokens").asLong()));
            JsonNode cost = provenance.path(COST);
            if (cost.isNumber()) {
                usd += cost.asDouble();
            } else if (u.path("total_tokens").asLong() > 0 || u.path("prompt_tokens").asLong() > 0) {
                unpriced++;
            }
        }
        return new RunSpend(tokens, Prices.round(usd), unpriced);
    }

    /** The stage status detail's money fields: the cost (null when unknown) and how many calls have no price. */
    public void addTo(Map<String, Object> detail) {
        detail.put(COST, usd());
        if (unpricedCalls > 0) {
            detail.put(UNPRICED, unpricedCalls);
        }
    }
}
