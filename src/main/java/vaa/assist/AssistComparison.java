package vaa.assist;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import vaa.stats.ProportionTest;

/**
 * {@code vaa assist compare A B}: two suites (or experiments) over the same conversations, step by
 * step. A step is compared when both sides answered it at the same utterance; it differs when the
 * decision (show or skip) or the shown tag differs. Rates are of each side's answered steps in the
 * conversations both replayed, tested with the same two-proportion test as {@code vaa runs compare}.
 * Built by {@link AssistComparer}.
 */
public record AssistComparison(
        @JsonProperty("a") Side a,
        @JsonProperty("b") Side b,
        @JsonProperty("test") String test,
        @JsonProperty("overall") Figures overall,
        @JsonProperty("conversations") List<Figures> conversations,
        @JsonProperty("only_in_a") List<String> onlyInA,
        @JsonProperty("only_in_b") List<String> onlyInB,
        @JsonProperty("differences") List<Difference> differences,
        @JsonProperty("warnings") List<String> warnings) {

    /** How a step's decision changed from A to B: the keys of {@link Figures#changes} and {@link Difference#change}. */
    public static final String SKIP_TO_SHOW = "skip_to_show";
    public static final String SHOW_TO_SKIP = "show_to_skip";
    public static final String TAG_CHANGED = "tag_changed";

    /** "skip → show", "show → skip", "other tag" for people. */
    public static String changeLabel(String change) {
        return switch (change) {
            case SKIP_TO_SHOW -> "skip \u2192 show";
            case SHOW_TO_SKIP -> "show \u2192 skip";
            case TAG_CHANGED -> "other tag";
            default -> change;
        };
    }

    /** One side: what it is and what produced it. */
    public record Side(
            @JsonProperty("name") String name,
            @JsonProperty("kind") String kind,
            @JsonProperty("prompt") String prompt,
            @JsonProperty("model_key") String modelKey,
            @JsonProperty("model") String model,
            @JsonProperty("conversations") int conversations) {}

    /** A count and its share of the compared steps (null when none was compared). */
    public record Share(@JsonProperty("count") int count, @JsonProperty("share") Double share) {}

    /** k of n; share is null when n is 0. */
    public record Proportion(@JsonProperty("count") long count, @JsonProperty("n") long n, @JsonProperty("share") Double share) {
        static Proportion of(long k, long n) {
            return new Proportion(k, n, n == 0 ? null : SuiteSummary.share((int) k, (int) n));
        }

        /** "42.9% (3/7)", or "n/a". */
        public String text() {
            return share == null ? "n/a" : String.format(Locale.ROOT, "%.1f%% (%d/%d)", 100 * share, count, n);
        }
    }

    /** A rate of both sides, B − A, and the test of the difference (null when a side has no data). */
    public record Rate(
            @JsonProperty("a") Proportion a,
            @JsonProperty("b") Proportion b,
            @JsonProperty("delta") Double delta,
            @JsonProperty("test") ProportionTest test) {
        public boolean significant() {
            return test != null && test.significant();
        }

        public boolean rough() {
            return test != null && test.smallCounts();
        }

        /** "+14.3 pp", or "" without a difference to show. */
        public String deltaText() {
            return delta == null ? "" : String.format(Locale.ROOT, "%+.1f pp", 100 * delta);
        }
    }

    /** A tag's share of each side's shown suggestions. */
    public record TagRate(@JsonProperty("tag") String tag, @JsonProperty("rate") Rate rate) {}

    /** p50/p95 of both sides. */
    public record Latencies(@JsonProperty("a") SuiteSummary.Latency a, @JsonProperty("b") SuiteSummary.Latency b) {
        /** "410 / 530 ms" for p50 / p95, or "n/a". */
        public static String text(SuiteSummary.Latency l) {
            return l.p50() == null ? "n/a" : String.format(Locale.ROOT, "%.0f / %.0f ms", l.p50(), l.p95());
        }
    }

    /**
     * The figures of one conversation ({@code conversation} set) or of all shared ones.
     *
     * @param notCompared steps that only one side answered (failed, missing, or at another utterance)
     * @param changes     differing steps by kind: skip_to_show, show_to_skip, tag_changed
     */
    public record Figures(
            @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("conversation") String conversation,
            @JsonProperty("compared_steps") int compared,
            @JsonProperty("not_compared_steps") int notCompared,
            @JsonProperty("differing_steps") Share differing,
            @JsonProperty("changes") Map<String, Integer> changes,
            @JsonProperty("show_rate") Rate showRate,
            @JsonProperty("tags") List<TagRate> tags,
            @JsonProperty("ttft_ms") Latencies ttftMs,
            @JsonProperty("e2e_ms") Latencies e2eMs) {

        /** "2 of 7 (28.6%)". */
        public String differingText() {
            return differing.count() + " of " + compared + (differing.share() == null ? ""
                    : String.format(Locale.ROOT, " (%.1f%%)", 100 * differing.share()));
        }

        /** "skip → show 1, show → skip 0, tag 1". */
        public String changesText() {
            return changes.entrySet().stream().map(e -> changeLabel(e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", "));
        }
    }

    /** What one side answered at a step. */
    public record Output(@JsonProperty("decision") String decision, @JsonProperty("tag") String tag, @JsonProperty("body") String body) {
        static Output of(StepOutcome o) {
            return new Output(o.decision(), o.shown() ? o.tag() : null, o.shown() ? o.body() : null);
        }

        /** "show|tag" or "skip". */
        public String line() {
            return tag == null ? decision : decision + "|" + tag;
        }
    }

    /** A step where the sides decided differently, with what the model saw (from A's log, else B's). */
    public record Difference(
            @JsonProperty("conversation") String conversation,
            @JsonProperty("step") int step,
            @JsonProperty("utterance_index") int utterance,
            @JsonProperty("phase") String phase,
            @JsonProperty("change") String change,
            @JsonProperty("transcript") String transcript,
            @JsonProperty("a") Output a,
            @JsonProperty("b") Output b) {}
}
