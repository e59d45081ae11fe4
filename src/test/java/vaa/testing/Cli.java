package vaa.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import vaa.AppContext;
import vaa.Vaa;
import vaa.io.Env;
import vaa.run.RunPrompter;

/** Runs the real command line in a temp workspace with captured output. */
public final class Cli {
    /** One finished command: its exit code and what it printed. */
    public record Result(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private final Path workspace;
    private Map<String, String> env = Map.of();
    private Optional<String> tty = Optional.empty();
    private RunPrompter prompter;
    private Clock clock = Clock.systemDefaultZone();
    private Optional<Path> home = Optional.empty();

    private Cli(Path workspace) {
        this.workspace = workspace;
    }

    public static Cli in(Path workspace) {
        return new Cli(workspace);
    }

    public Cli env(Map<String, String> values) {
        this.env = values;
        return this;
    }

    public Cli tty(String name) {
        this.tty = Optional.of(name);
        return this;
    }

    /** Makes the session interactive, answering menus with the given prompter. */
    public Cli interactive(RunPrompter prompter) {
        this.prompter = prompter;
        return this;
    }

    public Cli clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** The installation directory the launcher would pass (-Dvaa.home). */
    public Cli home(Path dir) {
        this.home = Optional.of(dir);
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (AppContext ctx = AppContext.forTest(workspace, Env.of(env), clock, tty, prompter, home)) {
            int code = Vaa.run(ctx, new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Result(code, out.toString(), err.toString());
        }
    }
}
