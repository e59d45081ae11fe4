package vaa.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vaa.run.Run;
import vaa.run.RunLock;
import vaa.run.RunResolver;
import vaa.sample.DefaultSource;
import vaa.sample.Sampler;
import vaa.transcript.TranscriptFormat;
import vaa.transcript.TranscriptReaders;
import vaa.ui.Style;

/** {@code vaa sample}: stage 1, draw calls into a run. */
@Command(name = "sample", description = "Draw N calls at random (seeded) from a source tree into a run (stage 1).")
final class SampleCommand extends BaseCommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "50", description = "How many calls to draw (default: ${DEFAULT-VALUE}).")
    int n;

    @Option(names = "--source", paramLabel = "DIR|FILE", description = "Transcript tree or one transcript (default: customer_data, else vaa's demo data).")
    Path source;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same source, seed and N give the same sample. Generated and recorded when omitted.")
    Long seed;

    @Option(names = "--where", paramLabel = "KEY=VALUE", description = "Only calls whose metadata KEY equals VALUE (repeatable; dots reach nested keys).")
    List<String> where = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "Force a reader: canonical, processed, vapi, retell, deepgram, text (default: detect per file).")
    String format;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        Optional<TranscriptFormat> forced = Optional.ofNullable(format).map(TranscriptFormat::fromCliName);
        List<Sampler.Where> filters = where.stream().map(Sampler.Where::parse).toList();
        Path from = source != null ? source : DefaultSource.resolve(context().workspace(), context().home(), messages(false));
        Sampler.checkInput(n, from, context().workspace());
        Run run = context().resolver(style(), messages(false)).resolve(runOptions.selection(), RunResolver.Mode.NEW_BY_DEFAULT).run();
        Sampler.Result r;
        try (RunLock lock = run.lock()) {
            r = new Sampler(new TranscriptReaders()).sample(run, new Sampler.Request(from, n, seed, filters, forced),
                    context().workspace(), messages(false));
        }
        Style s = style();
        String sampled = context().runStore().displayPath(run.sampledDir());
        out().println("Source:     " + from + " (" + r.totalAvailable() + " transcript" + (r.totalAvailable() == 1 ? "" : "s") + " available)");
        out().println("Seed:       " + r.seed() + (r.seedGenerated() ? s.dim("  (generated; redraw with --seed " + r.seed() + ")") : ""));
        out().println("Drew:       " + s.green(r.sampled() + (r.sampled() == 1 ? " call" : " calls")) + " → " + sampled + "/  ("
                + r.formats().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")) + ")");
        out().println("Manifest:   " + context().runStore().displayPath(run.manifest()));
        out().println(s.dim("Next: vaa analyze " + run.selector()));
        return 0;
    }
}
