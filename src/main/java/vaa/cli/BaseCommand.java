package vaa.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vaa.AppContext;
import vaa.VaaException;
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
     * The run a stage command computes into, or empty when {@code --json} on a sealed run printed the stage's result
     * file as it is (a finished run is read, never recomputed). With --json a script may rely on the last-run pointer
     * as long as it only reads.
     */
    protected Optional<Run> runToCompute(RunOptions options, boolean json, boolean reusable, Function<Run, Path> resultFile) {
        RunResolver resolver = context().resolver(style(), messages(json));
        RunResolver.Resolved found = resolver.resolve(options.selection(), json ? RunResolver.Mode.READ : RunResolver.Mode.EXISTING);
        Path file = resultFile.apply(found.run());
        if (json && reusable && found.run().isSealed() && Files.isRegularFile(file)) {
            try {
                out().print(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw VaaException.failure("Cannot read " + context().runStore().displayPath(file) + ": " + e.getMessage(), e);
            }
            out().flush();
            return Optional.empty();
        }
        return Optional.of(resolver.requireNamed(found));
    }

    /** Progress on stderr: a live bar when a person is watching, plain lines otherwise. */
    protected ConsoleProgress progress() {
        return new ConsoleProgress(context().interactive(), err(), new java.io.PrintStream(System.err, true), context().terminals()::width);
    }

    /** Notes for the user: stdout normally, stderr when stdout carries data (--json). */
    protected MessageSink messages(boolean dataOnStdout) {
        return new ConsoleMessages(dataOnStdout ? err() : out(), err(), style());
    }
}
