package vaa.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A command in a pseudo-terminal, made by util-linux {@code script}: keys written here reach the
 * terminal as a keyboard's do (Ctrl+C is byte 3, which the terminal turns into SIGINT for the
 * foreground process), and everything the command draws comes back as the screen's bytes.
 */
public final class Pty implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final Thread pump;

    private Pty(Process process) {
        this.process = process;
        this.keys = process.getOutputStream();
        this.pump = new Thread(this::pump, "pty-screen");
        pump.setDaemon(true);
        pump.start();
    }

    /** Whether util-linux {@code script} is installed (it is on Debian and Ubuntu, where it is essential). */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
            String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 && version.contains("util-linux");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Starts {@code command} in {@code dir} with {@code env} added, on a new terminal of type xterm-256color. */
    public static Pty start(Path dir, Map<String, String> env, List<String> command) throws IOException {
        String shell = command.stream().map(Pty::quote).collect(Collectors.joining(" "));
        // -e: script exits with the command's status; /dev/null: no typescript file is kept
        ProcessBuilder pb = new ProcessBuilder("script", "-q", "-e", "-c", shell, "/dev/null")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.environment().put("TERM", "xterm-256color");
        return new Pty(pb.start());
    }

    public void ctrlC() throws IOException {
        keys.write(3);
        keys.flush();
    }

    /** Everything drawn so far, escape sequences and carriage returns included. */
    public String screen() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits until the screen shows what {@code test} looks for; false when {@code timeout} passes first. */
    public boolean await(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!test.test(screen())) {
            if (System.nanoTime() > deadline || !process.isAlive() && !pump.isAlive()) {
                return test.test(screen());
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The command's exit status (a death by signal N is 128 + N, as in a shell). */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout + "; screen:\n" + screen());
        }
        pump.join(timeout.toMillis());
        return process.exitValue();
    }

    private void pump() {
        byte[] buf = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            for (int n; (n = in.read(buf)) >= 0; ) {
                synchronized (screen) {
                    screen.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            synchronized (screen) {
                screen.writeBytes(("\n[pty read failed: " + e + "]").getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        keys.close();
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
