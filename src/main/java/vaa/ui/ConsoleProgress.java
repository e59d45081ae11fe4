package vaa.ui;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import vaa.io.ProgressSink;

/**
 * Progress on the console: a live bar (done/total, failures, rate, ETA) on a terminal; a plain line
 * every 10% or 10 seconds otherwise, so logs of scripted runs stay readable.
 *
 * <p>The bar's width comes from vaa's own terminal ({@link Terminals#width()}): left to itself the
 * progress bar library opens a second JLine terminal with JLine's default signal handling, and
 * Ctrl+C then killed the process outright instead of stopping it cleanly.
 */
public final class ConsoleProgress implements ProgressSink {
    private final BooleanSupplier terminal;
    private final PrintWriter plain;
    private final ConsoleLine line;
    private final IntSupplier width;
    private ProgressBar bar;
    private String task;
    private long total;
    private long started;
    private long lastPrinted;
    private long lastDone;

    /**
     * {@code terminal} says whether a person watches stderr; asked when the first task starts, not before (finding
     * out can take a few ms). {@code line} is where the bar is drawn, shared with the command's messages so that they
     * never write into it.
     */
    public ConsoleProgress(BooleanSupplier terminal, PrintWriter plain, ConsoleLine line, IntSupplier width) {
        this.terminal = terminal;
        this.plain = plain;
        this.line = line;
        this.width = width;
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task;
        this.total = total;
        this.started = System.nanoTime();
        this.lastPrinted = started;
        this.lastDone = 0;   // a second task (collecting after waiting for a batch) counts from 0 again
        if (total == 0) {
            return;
        }
        if (terminal.getAsBoolean()) {
            width.getAsInt(); // opens the terminal on this thread, where a failure is reported, not in the bar's
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).showSpeed()
                    .setConsumer(new SizedConsumer(line, width))
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

    /**
     * The library's console output with the width asked of vaa's terminal at each redraw (it follows resizes), drawn
     * through the {@link ConsoleLine} so that a message never lands inside the bar.
     */
    private static final class SizedConsumer extends ConsoleProgressBarConsumer {
        private final ConsoleLine line;
        private final IntSupplier width;

        SizedConsumer(ConsoleLine line, IntSupplier width) {
            super(line.stream());
            this.line = line;
            this.width = width;
        }

        @Override
        public int getMaxRenderedLength() {
            return width.getAsInt() - 1; // the library's own margin: a full line would wrap on some terminals
        }

        @Override
        public void accept(String rendered) {
            line.draw(() -> super.accept(rendered), Math.min(rendered.length(), getMaxRenderedLength()));
        }

        @Override
        public void close() {
            line.end(super::close);
        }
    }
}
