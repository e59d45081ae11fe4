package vaa.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import vaa.io.Json;
import vaa.llm.LlmResponse;
import vaa.llm.Prices;
import vaa.run.Run;

/**
 * What judging a run's remaining calls is expected to take, worked out before any model call: {@code inputTokens}
 * from the prompts as compiled for those calls ({@link vaa.llm.TokenEstimate}, generous by 10–25%), output from
 * {@link Completion} per call. The cost is a range: the low end with half the assumed output and none of the
 * provider's prefix cache counted, the high end with twice the output. Null costs when the model has no price.
 */
public record CostEstimate(String model, int calls, long inputTokens, Completion completion, Double lowUsd, Double highUsd,
                           boolean judged) {
    /** Assumed per answer when the run has none yet: a judgement with a few friction points is 500–1,000 tokens. */
    public static final long DEFAULT_COMPLETION_TOKENS = 1_000;

    private static final int MEDIAN_OF = 500;

    /** Completion tokens assumed per call, and on what basis. */
    public record Completion(long perCall, String basis) {}

    static CostEstimate none() {
        return new CostEstimate(null, 0, 0, new Completion(0, "no model configured"), 0.0, 0.0, false);
    }

    static CostEstimate of(String model, Prices prices, int calls, long inputTokens, Completion completion, boolean batch) {
        long output = calls * completion.perCall();
        OptionalDouble low = prices.cost(new LlmResponse.Usage(inputTokens, output / 2, inputTokens + output / 2), batch);
        OptionalDouble high = prices.cost(new LlmResponse.Usage(inputTokens, output * 2, inputTokens + output * 2), batch);
        return new CostEstimate(model, calls, inputTokens, completion, low.isPresent() ? low.getAsDouble() : null,
                high.isPresent() ? high.getAsDouble() : null, true);
    }

    /** The median completion tokens of the run's answers so far (a resumed or re-judged run), else the default. */
    static Completion completionTokens(Run run) {
        List<Long> seen = new ArrayList<>();
        for (Path p : AnalysisFiles.list(run)) {
            if (AnalysisFiles.isError(p)) {
                continue;
            }
            if (seen.size() == MEDIAN_OF) {
                break; // a median of a few hundred answers is as good as one of 100,000, and read in a blink
            }
            try {
                JsonNode provenance = Json.MAPPER.readTree(p.toFile()).path("provenance");
                long completion = provenance.path("usage").path("completion_tokens").asLong();
                if (completion > 0) {
                    seen.add(completion / Math.max(1, provenance.path("attempts").asLong(1)));
                }
            } catch (IOException e) {
                continue; // an unreadable analysis says nothing about answer lengths
            }
        }
        if (seen.isEmpty()) {
            return new Completion(DEFAULT_COMPLETION_TOKENS, "an assumed " + DEFAULT_COMPLETION_TOKENS + " per call");
        }
        Collections.sort(seen);
        return new Completion(seen.get(seen.size() / 2), "the median of this run's " + seen.size() + " answers so far");
    }

    /** One line: "Estimate: 20 calls, ~41,000 input + ~20,000 output tokens (an assumed 1000 per call), $0.012–$0.034 with gpt-4o-mini". */
    public String describe() {
        if (!judged) {
            return "Estimate: no model call (no analysis model configured), $0.00";
        }
        if (calls == 0) {
            return "Estimate: no call left to judge, $0.00";
        }
        String cost = lowUsd == null ? "cost unknown (no price for " + model + " in the catalog; add \"price\" in vaa-models.json)"
                : Prices.format(lowUsd) + "–" + Prices.format(highUsd) + " with " + model;
        return String.format(Locale.ROOT, "Estimate: %,d call%s, ~%,d input + ~%,d output tokens (%s), %s", calls, calls == 1 ? "" : "s",
                inputTokens, calls * completion.perCall(), completion.basis(), cost);
    }
}
