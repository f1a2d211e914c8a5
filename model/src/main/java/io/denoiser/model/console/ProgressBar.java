package io.denoiser.model.console;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress display: {@code label [=====>    ] 120/469 2,431 img/s ETA 0:21 loss 0.1123}.
 * Redraws in place on a terminal and at most every few seconds otherwise, so logs stay readable.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final long total;
    private final String unit;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private final long minRedrawNanos;
    private long lastDrawNanos;

    // the project runs on Java 17, where a null console means output is not a terminal (Java 22 changed that)
    @SuppressWarnings("SystemConsoleNull")
    public ProgressBar(PrintWriter out, String label, long total, String unit) {
        this(out, label, total, unit, System.console() != null);
    }

    public ProgressBar(PrintWriter out, String label, long total, String unit, boolean interactive) {
        this.out = out;
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.interactive = interactive;
        this.minRedrawNanos = interactive ? 100_000_000L : 5_000_000_000L;
    }

    /** Shows {@code done} of the total steps, {@code items} processed so far, and an optional detail. */
    public void update(long done, long items, String detail) {
        long now = System.nanoTime();
        if (done < total && now - lastDrawNanos < minRedrawNanos) {
            return;
        }
        lastDrawNanos = now;
        String line = render(done, items, detail, now);
        if (interactive) {
            out.print("\r" + line);
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the bar's line. */
    public void finish() {
        if (interactive) {
            out.println();
        }
    }

    String render(long done, long items, String detail, long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(fraction * WIDTH);
        String bar = "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "");
        long etaSeconds = done == 0 ? 0 : Math.round(seconds / done * (total - done));
        return String.format(
                Locale.ROOT,
                "%s [%s] %d/%d %,.0f %s/s ETA %s%s",
                label,
                bar,
                done,
                total,
                items / seconds,
                unit,
                clock(Duration.ofSeconds(etaSeconds)),
                detail == null || detail.isEmpty() ? "" : " " + detail);
    }

    private static String clock(Duration duration) {
        long s = duration.toSeconds();
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
