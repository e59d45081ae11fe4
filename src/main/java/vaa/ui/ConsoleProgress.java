package vaa.ui;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import vaa.io.ProgressSink;

/**
 * Progress on the console: a live bar (done/total, failures, rate, ETA) on a terminal; a plain line
 * every 10% or 10 seconds otherwise, so logs of scripted runs stay readable.
 */
public final class ConsoleProgress implements ProgressSink {
    private final boolean terminal;
    private final PrintWriter plain;
    private final PrintStream barStream;
    private ProgressBar bar;
    private String task;
    private long total;
    private long started;
    private long lastPrinted;
    private long lastDone;

    public ConsoleProgress(boolean terminal, PrintWriter plain, PrintStream barStream) {
        this.terminal = terminal;
        this.plain = plain;
        this.barStream = barStream;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.started = System.nanoTime();
        this.lastPrinted = started;
        if (total == 0) {
            return;
        }
        if (terminal) {
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                    .setConsumer(new ConsoleProgressBarConsumer(barStream))
                    .build();
        } else {
            plain.println(task + ": 0/" + total);
            plain.flush();
        }
    }

    @Override
    public synchronized void update(long done, long failed) {
        if (done < lastDone) {
            return; // workers report concurrently; an older count can arrive after a newer one
        }
        if (bar != null) {
            bar.stepTo(done);
            bar.setExtraMessage(failed > 0 ? " failed " + failed : "");
            lastDone = done;
            return;
        }
        long now = System.nanoTime();
        boolean tenth = total > 0 && done * 10 / total != lastDone * 10 / total;
        if (tenth || now - lastPrinted > Duration.ofSeconds(10).toNanos() || done == total) {
            double secs = (now - started) / 1e9;
            double rate = secs > 0 ? done / secs : 0;
            long etaS = rate > 0 ? Math.round((total - done) / rate) : -1;
            plain.printf("%s: %d/%d done, %d failed, %.1f/s%s%n", task, done, total, failed, rate,
                    etaS >= 0 && done < total ? ", ETA " + etaS + "s" : "");
            plain.flush();
            lastPrinted = now;
        }
        lastDone = done;
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
