package vaa;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import vaa.io.Env;
import vaa.io.MessageSink;
import vaa.llm.Tracer;
import vaa.run.LastRunPointers;
import vaa.run.RunPrompter;
import vaa.run.RunResolver;
import vaa.run.RunStore;
import vaa.run.Tty;
import vaa.trace.Tracing;
import vaa.ui.JLineRunPrompter;
import vaa.ui.Style;
import vaa.ui.Terminals;

/**
 * What a command needs from the outside world: the workspace (the current directory), the
 * environment, whether a person is at the terminal, and the terminal itself (built lazily, once).
 * Tests build one over a temp directory with scripted prompts.
 */
public final class AppContext implements AutoCloseable {
    private final Path workspace;
    private final Clock clock;
    private final Env env;
    private final boolean interactive;
    private final java.util.function.Supplier<Optional<String>> tty;
    private final Function<Style, RunPrompter> runPrompter;
    private final Terminals terminals;
    private final Optional<Path> home;
    private Tracer tracer;

    private AppContext(Path workspace, Clock clock, Env env, boolean interactive, java.util.function.Supplier<Optional<String>> tty,
                       Function<Style, RunPrompter> runPrompter, Terminals terminals, Optional<Path> home) {
        this.workspace = workspace;
        this.home = home;
        this.clock = clock;
        this.env = env;
        this.interactive = interactive;
        this.tty = tty;
        this.runPrompter = runPrompter;
        this.terminals = terminals;
    }

    /** The real process: current directory, real environment, the system terminal. */
    public static AppContext system() {
        Path ws = realPath(Path.of("").toAbsolutePath());
        boolean interactive = System.console() != null;
        Terminals terminals = new Terminals();
        // the tty name is only needed when a pointer is read or written; finding it may start a process
        Optional<String>[] ttyName = new Optional[1];
        java.util.function.Supplier<Optional<String>> lazyTty = () -> {
            if (ttyName[0] == null) {
                ttyName[0] = Tty.stdinName();
            }
            return ttyName[0];
        };
        // the launcher script says where vaa is installed; run from the jar directly, there is no home
        Optional<Path> home = Optional.ofNullable(System.getProperty("vaa.home")).filter(h -> !h.isBlank()).map(Path::of);
        return new AppContext(ws, Clock.systemDefaultZone(), Env.load(ws), interactive, lazyTty,
                style -> new JLineRunPrompter(terminals.reader(), style), terminals, home);
    }

    /** No person and no terminal: a given workspace and environment (the start-up archive's training run). */
    static AppContext offline(Path workspace, Env env) {
        return new AppContext(realPath(workspace), Clock.systemDefaultZone(), env, false, Optional::empty, style -> null,
                new Terminals(), Optional.empty());
    }

    /** For tests: a temp workspace, given environment, optional scripted prompter (interactive when present). */
    public static AppContext forTest(Path workspace, Env env, Clock clock, Optional<String> tty, RunPrompter prompter) {
        return forTest(workspace, env, clock, tty, prompter, Optional.empty());
    }

    /** For tests of what depends on the installation directory (its bundled demo data). */
    public static AppContext forTest(Path workspace, Env env, Clock clock, Optional<String> tty, RunPrompter prompter,
                                     Optional<Path> home) {
        return new AppContext(realPath(workspace), clock, env, prompter != null, () -> tty, style -> prompter, new Terminals(), home);
    }

    public Path workspace() {
        return workspace;
    }

    public Clock clock() {
        return clock;
    }

    public Env env() {
        return env;
    }

    /** Where vaa is installed (the launcher's directory, with the bundled demo data), when known. */
    public Optional<Path> home() {
        return home;
    }

    public boolean interactive() {
        return interactive;
    }

    public Terminals terminals() {
        return terminals;
    }

    public String version() {
        String v = Vaa.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public RunStore runStore() {
        return new RunStore(workspace, clock, version());
    }

    public LastRunPointers pointers() {
        return new LastRunPointers(workspace, tty.get());
    }

    public RunResolver resolver(Style style, MessageSink messages) {
        return new RunResolver(runStore(), pointers(), env.get("LAST_RUN"), interactive,
                () -> runPrompter.apply(style), messages);
    }

    /**
     * The command's tracer (see {@link Tracing}), opened on first use and flushed when the context closes,
     * so every way out of a command (an error included) sends what was traced, within a short bound.
     */
    public synchronized Tracer tracer(boolean noTrace, String contentFlag, MessageSink messages) {
        if (tracer == null) {
            tracer = Tracing.open(env, noTrace, contentFlag, version(), messages);
        }
        return tracer;
    }

    /** Colours only when asked for and a person is looking. */
    public boolean colorAllowed() {
        return interactive && env.get("NO_COLOR").isEmpty();
    }

    @Override
    public void close() {
        Tracer opened;
        synchronized (this) {
            opened = tracer;
        }
        if (opened != null) {
            opened.close();
        }
        terminals.close();
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }
}
