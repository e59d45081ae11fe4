package vaa.cli;

import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vaa.VaaException;
import vaa.run.Migration;
import vaa.run.Run;
import vaa.run.RunStore;
import vaa.run.Stage;
import vaa.ui.Style;

/** {@code vaa runs migrate}: the old flat layout into a run. */
@Command(name = "migrate", description = {"Move the old flat layout of the workspace (sampled/ analyses/ reports/, manifest.csv,"
        + " cache/llm/) into runs/legacy/ (or runs/ID), write its config.json and status.json (a stage is completed where its"
        + " outputs exist) and point runs/latest at it.",
        "Nothing is ever overwritten: when any target exists, nothing is moved. A second migrate finds nothing to do."})
final class RunsMigrateCommand extends BaseCommand {
    @Option(names = "--dry-run", description = "List every move (and any clash) without touching anything.")
    boolean dryRun;

    @Option(names = "--to", paramLabel = "ID", description = "Move into runs/ID instead of runs/legacy (a new run, or an unsealed one without these files).")
    String to;

    @Override
    public Integer call() {
        RunStore store = context().runStore();
        Migration migration = new Migration(store);
        Migration.Plan plan = migration.plan(to);
        if (plan.nothingToDo()) {
            out().println("Nothing to migrate: no sampled/, analyses/, reports/, manifest.csv or cache/llm/ with files in "
                    + store.workspace() + ".");
            return 0;
        }
        Style s = style();
        if (dryRun) {
            out().println(s.bold("Dry run: nothing is moved.") + " vaa runs migrate" + (to == null ? "" : " --to " + to) + " would:");
            plan.moves().forEach(m -> out().println("  move " + line(store, m)));
            out().println("  write " + store.displayPath(plan.runDir()) + "/config.json and status.json (stages completed where their outputs exist)");
            out().println("  point runs/latest at " + plan.runId());
            plan.clashes().forEach(c -> out().println(s.red("  clash: ") + c));
            if (!plan.clashes().isEmpty()) {
                throw VaaException.usage("A real migrate would stop at once: " + plan.clashes().size()
                        + " target(s) exist already and files are never overwritten. Choose another run with --to ID.");
            }
            return 0;
        }
        Optional<Migration.Done> done = migration.migrate(to);
        if (done.isEmpty()) {
            out().println("Nothing to migrate (the flat layout is gone).");
            return 0;
        }
        Run run = done.get().run();
        done.get().plan().moves().forEach(m -> out().println("Moved " + line(store, m)));
        out().println("Run " + s.bold(run.id()) + ": " + run.sampledCount() + " sampled, " + run.analysedCount() + " analyses; stages completed: "
                + String.join(", ", Arrays.stream(Stage.values()).filter(st -> run.status().stage(st).isCompleted()).map(Stage::key).toList())
                + (run.isSealed() ? s.dim(" (all: sealed)") : ""));
        out().println("runs/latest → " + run.id());
        out().println(s.dim("Next: vaa runs show " + run.id()));
        return 0;
    }

    private static String line(RunStore store, Migration.Move m) {
        String slash = m.name().endsWith("/") ? "/" : "";
        return m.name() + " → " + store.displayPath(m.to()) + slash + " (" + m.files() + " file" + (m.files() == 1 ? "" : "s") + ")";
    }
}
