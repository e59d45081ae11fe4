package vaa.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vaa.AppContext;
import vaa.io.MessageSink;
import vaa.run.Run;
import vaa.run.RunResolver;
import vaa.ui.ConsoleMessages;
import vaa.ui.ConsoleProgress;
import vaa.ui.Style;

/** The one base class: access to the context, the swappable writers and the style; --help on every command. */
@Command(mixinStandardHelpOptions = true)
abstract class BaseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    protected VaaCommand root() {
        return (VaaCommand) spec.root().userObject();
    }

    protected AppContext context() {
        return root().context();
    }

    protected PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected PrintWriter err() {
        return spec.commandLine().getErr();
    }

    protected Style style() {
        return root().style();
    }

    /**
     * The run a stage command computes into, or empty when a reading use of a sealed run ({@code --json}, {@code
     * --open}) was served from the stage's result file as it is: a finished run is read, never recomputed. Reading
     * lets a script rely on the last-run pointer; computing needs the run named.
     */
    protected Optional<Run> runToCompute(RunOptions options, boolean reading, boolean reusable, Function<Run, Path> resultFile,
                                         Consumer<Path> useExisting) {
        RunResolver resolver = context().resolver(style(), messages(reading));
        RunResolver.Resolved found = resolver.resolve(options.selection(), reading ? RunResolver.Mode.READ : RunResolver.Mode.EXISTING);
        Optional<Path> done = reading && reusable ? found.run().sealedFile(resultFile.apply(found.run())) : Optional.empty();
        done.ifPresent(useExisting);
        return done.isPresent() ? Optional.empty() : Optional.of(resolver.requireNamed(found));
    }

    /** {@link #runToCompute} for {@code --json}: the sealed run's file is printed as it is. */
    protected Optional<Run> runToCompute(RunOptions options, boolean json, boolean reusable, Function<Run, Path> resultFile) {
        return runToCompute(options, json, reusable, resultFile, file -> {
            out().print(Run.readString(file));
            out().flush();
        });
    }

    /** Progress on stderr: a live bar when a person is watching it, plain lines otherwise (scripts, logs, 2>file). */
    protected ConsoleProgress progress() {
        return new ConsoleProgress(() -> context().interactive() && context().terminals().stderrIsTerminal(), err(),
                root().consoleLine(), context().terminals()::width);
    }

    /** Notes for the user: stdout normally, stderr when stdout carries data (--json). */
    protected MessageSink messages(boolean dataOnStdout) {
        return new ConsoleMessages(dataOnStdout ? err() : out(), err(), root()::errStyle, root().consoleLine());
    }
}
