package vaa.assist;

import static vaa.assist.AssistComparison.SHOW_TO_SKIP;
import static vaa.assist.AssistComparison.SKIP_TO_SHOW;
import static vaa.assist.AssistComparison.TAG_CHANGED;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import vaa.assist.AssistComparison.Difference;
import vaa.assist.AssistComparison.Figures;
import vaa.assist.AssistComparison.Latencies;
import vaa.assist.AssistComparison.Output;
import vaa.assist.AssistComparison.Proportion;
import vaa.assist.AssistComparison.Rate;
import vaa.assist.AssistComparison.Share;
import vaa.assist.AssistComparison.TagRate;
import vaa.assist.ExperimentSet.Member;
import vaa.stats.ProportionTest;

/** Builds an {@link AssistComparison} from what two suites (or experiments) recorded. Reads only. */
public final class AssistComparer {
    public static final String TEST = "two-proportion z-test, pooled standard error";

    private AssistComparer() {}

    public static AssistComparison compare(Path workspace, String a, String b) {
        return compare(ExperimentSet.load(workspace, a), ExperimentSet.load(workspace, b));
    }

    static AssistComparison compare(ExperimentSet a, ExperimentSet b) {
        Map<String, Member> inB = new LinkedHashMap<>();
        b.conversations().forEach(m -> inB.put(m.key(), m));
        List<Figures> perConversation = new ArrayList<>();
        List<Difference> differences = new ArrayList<>();
        List<String> onlyInA = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<StepOutcome> sharedA = new ArrayList<>();
        List<StepOutcome> sharedB = new ArrayList<>();
        Pairing all = new Pairing();
        for (Member ma : a.conversations()) {
            Member mb = inB.remove(ma.key());
            if (mb == null) {
                onlyInA.add(ma.key());
                continue;
            }
            if (ma.steps() != mb.steps() && ma.steps() > 0 && mb.steps() > 0) {
                warnings.add(ma.key() + ": A has " + ma.steps() + " steps, B " + mb.steps() + " (different state files?)");
            }
            Pairing p = pair(ma, mb, differences);
            all.add(p);
            perConversation.add(figures(ma.key(), p, ma.outcomes(), mb.outcomes()));
            sharedA.addAll(ma.outcomes());
            sharedB.addAll(mb.outcomes());
        }
        List<String> onlyInB = new ArrayList<>(inB.keySet());
        if (perConversation.isEmpty()) {
            warnings.add("A and B replayed no conversation in common; there is nothing to compare step by step");
        }
        if (a.name().equals(b.name())) {
            warnings.add("A and B are the same " + (a.suite() ? "suite" : "experiment"));
        }
        return new AssistComparison(side(a), side(b), TEST, figures(null, all, sharedA, sharedB), perConversation,
                onlyInA, onlyInB, differences, warnings);
    }

    /** Counts of one conversation's steps, or of several added up. */
    private static final class Pairing {
        int compared;
        int notCompared;
        final Map<String, Integer> changes = new LinkedHashMap<>();

        Pairing() {
            for (String kind : List.of(SKIP_TO_SHOW, SHOW_TO_SKIP, TAG_CHANGED)) {
                changes.put(kind, 0);
            }
        }

        int differing() {
            return changes.values().stream().mapToInt(Integer::intValue).sum();
        }

        void add(Pairing other) {
            compared += other.compared;
            notCompared += other.notCompared;
            other.changes.forEach((k, n) -> changes.merge(k, n, Integer::sum));
        }
    }

    private static Pairing pair(Member ma, Member mb, List<Difference> differences) {
        Map<Integer, StepOutcome> stepsA = byStep(ma.outcomes());
        Map<Integer, StepOutcome> stepsB = byStep(mb.outcomes());
        TreeSet<Integer> steps = new TreeSet<>(stepsA.keySet());
        steps.addAll(stepsB.keySet());
        Pairing p = new Pairing();
        Map<Integer, String> windows = null;
        for (int step : steps) {
            StepOutcome sa = stepsA.get(step);
            StepOutcome sb = stepsB.get(step);
            if (sa == null || sb == null || !sa.answered() || !sb.answered() || sa.utterance() != sb.utterance()) {
                p.notCompared++;
                continue;
            }
            p.compared++;
            String change = sa.shown() && !sb.shown() ? SHOW_TO_SKIP : !sa.shown() && sb.shown() ? SKIP_TO_SHOW
                    : sa.shown() && !Objects.equals(sa.tag(), sb.tag()) ? TAG_CHANGED : null;
            if (change == null) {
                continue;
            }
            p.changes.merge(change, 1, Integer::sum);
            if (windows == null) {
                windows = LogWindows.read(ma.log());
                windows = windows.isEmpty() ? LogWindows.read(mb.log()) : windows;
            }
            differences.add(new Difference(ma.key(), step, sa.utterance(), sa.phase(), change, windows.get(step),
                    Output.of(sa), Output.of(sb)));
        }
        return p;
    }

    private static Map<Integer, StepOutcome> byStep(List<StepOutcome> outcomes) {
        Map<Integer, StepOutcome> out = new TreeMap<>();
        outcomes.forEach(o -> out.putIfAbsent(o.step(), o));
        return out;
    }

    private static Figures figures(String conversation, Pairing p, List<StepOutcome> a, List<StepOutcome> b) {
        Share differing = new Share(p.differing(), p.compared == 0 ? null : SuiteSummary.share(p.differing(), p.compared));
        Rate show = rate(count(a, StepOutcome::shown), count(a, StepOutcome::answered),
                count(b, StepOutcome::shown), count(b, StepOutcome::answered));
        Map<String, long[]> tagCounts = new TreeMap<>();
        a.stream().filter(StepOutcome::shown).forEach(o -> tagCounts.computeIfAbsent(o.tag(), t -> new long[2])[0]++);
        b.stream().filter(StepOutcome::shown).forEach(o -> tagCounts.computeIfAbsent(o.tag(), t -> new long[2])[1]++);
        List<TagRate> tags = tagCounts.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -(e.getValue()[0] + e.getValue()[1]))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> new TagRate(e.getKey(), rate(e.getValue()[0], show.a().count(), e.getValue()[1], show.b().count())))
                .toList();
        return new Figures(conversation, p.compared, p.notCompared, differing, Collections.unmodifiableMap(new LinkedHashMap<>(p.changes)),
                show, tags,
                new Latencies(SuiteSummary.Latency.of(a, StepOutcome::ttftMs), SuiteSummary.Latency.of(b, StepOutcome::ttftMs)),
                new Latencies(SuiteSummary.Latency.of(a, StepOutcome::e2eMs), SuiteSummary.Latency.of(b, StepOutcome::e2eMs)));
    }

    private static Rate rate(long ka, long na, long kb, long nb) {
        Proportion pa = Proportion.of(ka, na);
        Proportion pb = Proportion.of(kb, nb);
        Double delta = pa.share() == null || pb.share() == null ? null
                : Math.round(10000.0 * ((double) kb / nb - (double) ka / na)) / 10000.0;
        return new Rate(pa, pb, delta, ProportionTest.of(ka, na, kb, nb).orElse(null));
    }

    private static long count(List<StepOutcome> outcomes, Predicate<StepOutcome> p) {
        return outcomes.stream().filter(p).count();
    }

    private static AssistComparison.Side side(ExperimentSet s) {
        return new AssistComparison.Side(s.name(), s.suite() ? "suite" : "experiment", s.promptDescription(), s.modelKey(),
                s.modelLabel(), s.conversations().size());
    }
}
