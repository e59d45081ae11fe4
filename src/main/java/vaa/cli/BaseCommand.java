package vaa.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vaa.AppContext;
import vaa.io.MessageSink;
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

    /** Progress on stderr: a live bar when a person is watching, plain lines otherwise. */
    protected ConsoleProgress progress() {
        return new ConsoleProgress(context().interactive(), err(), new java.io.PrintStream(System.err, true));
    }

    /** Notes for the user: stdout normally, stderr when stdout carries data (--json). */
    protected MessageSink messages(boolean dataOnStdout) {
        Style style = style();
        PrintWriter info = dataOnStdout ? err() : out();
        PrintWriter warn = err();
        return new MessageSink() {
            @Override
            public void info(String message) {
                info.println(message);
                info.flush();
            }

            @Override
            public void warn(String message) {
                warn.println(style.yellow("[warn] ") + message);
                warn.flush();
            }
        };
    }
}
