package io.denoiser.stream.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/** A line chart of end-to-end latency (ms) against offered load (images/s), one line per series. */
public final class LatencyPlot {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;
    private static final int LEFT = 70;
    private static final int RIGHT = 190;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    private static final Color[] COLORS = {
        new Color(0x2471A3),
        new Color(0xD68910),
        new Color(0xC0392B),
        new Color(0x229954),
        new Color(0x7D3C98),
        new Color(0x566573)
    };

    /** A point: offered load and latency. */
    public record Point(double load, double latencyMillis) {}

    public record Series(String label, List<Point> points) {}

    private LatencyPlot() {}

    public static BufferedImage render(String title, List<Series> series) {
        double maxLoad = series.stream()
                .flatMap(s -> s.points().stream())
                .mapToDouble(Point::load)
                .max()
                .orElse(1);
        double maxLatency = series.stream()
                .flatMap(s -> s.points().stream())
                .mapToDouble(Point::latencyMillis)
                .max()
                .orElse(1);
        maxLoad = Math.max(maxLoad, 1) * 1.05;
        maxLatency = Math.max(maxLatency, 1) * 1.1;
        BufferedImage picture = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotRight = WIDTH - RIGHT;
        int plotBottom = HEIGHT - BOTTOM;
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(LEFT, TOP, plotRight - LEFT, plotBottom - TOP);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int tick = 0; tick <= 5; tick++) {
            int y = plotBottom - (plotBottom - TOP) * tick / 5;
            int x = LEFT + (plotRight - LEFT) * tick / 5;
            g.setColor(new Color(0xEEEEEE));
            g.drawLine(LEFT + 1, y, plotRight - 1, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format(Locale.ROOT, "%,.0f ms", maxLatency * tick / 5), 8, y + 4);
            g.drawString(String.format(Locale.ROOT, "%,.0f", maxLoad * tick / 5), x - 12, plotBottom + 16);
        }
        g.drawString("offered load (images/s)", (LEFT + plotRight) / 2 - 60, HEIGHT - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, LEFT, 24);
        for (int s = 0; s < series.size(); s++) {
            Color color = COLORS[s % COLORS.length];
            g.setColor(color);
            g.setStroke(new BasicStroke(2f));
            List<Point> points = series.get(s).points();
            int previousX = -1;
            int previousY = -1;
            for (Point point : points) {
                int x = LEFT + (int) Math.round((plotRight - LEFT) * point.load() / maxLoad);
                int y = plotBottom - (int) Math.round((plotBottom - TOP) * point.latencyMillis() / maxLatency);
                if (previousX >= 0) {
                    g.drawLine(previousX, previousY, x, y);
                }
                g.fillOval(x - 3, y - 3, 6, 6);
                previousX = x;
                previousY = y;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(series.get(s).label(), plotRight + 12, TOP + 16 + 18 * s);
        }
        g.dispose();
        return picture;
    }
}
