package io.denoiser.model.pictures;

import io.denoiser.model.artifact.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Two line charts stacked: validation BCE and validation PSNR per epoch. */
public final class LearningCurve {

    private static final int WIDTH = 720;
    private static final int PANEL = 260;
    private static final int MARGIN_LEFT = 70;
    private static final int MARGIN = 30;

    private LearningCurve() {}

    public static BufferedImage render(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a learning curve needs at least one epoch");
        }
        BufferedImage picture = new BufferedImage(WIDTH, 2 * PANEL, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, 2 * PANEL);
        panel(g, history, 0, "validation BCE", EpochMetrics::validationBce, new Color(0xC0392B), "%.4f");
        panel(g, history, PANEL, "validation PSNR (dB)", EpochMetrics::validationPsnr, new Color(0x2471A3), "%.2f");
        g.dispose();
        return picture;
    }

    private static void panel(
            Graphics2D g,
            List<EpochMetrics> history,
            int top,
            String title,
            ToDoubleFunction<EpochMetrics> metric,
            Color color,
            String format) {
        double min = history.stream().mapToDouble(metric).min().orElseThrow();
        double max = history.stream().mapToDouble(metric).max().orElseThrow();
        if (max - min < 1e-9) {
            max = min + 1e-3;
        }
        int left = MARGIN_LEFT;
        int right = WIDTH - MARGIN;
        int plotTop = top + MARGIN;
        int bottom = top + PANEL - MARGIN;
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(left, plotTop, right - left, bottom - plotTop);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        for (int tick = 0; tick <= 4; tick++) {
            double value = min + (max - min) * tick / 4;
            int y = bottom - (int) Math.round((bottom - plotTop) * tick / 4.0);
            g.drawString(String.format(Locale.ROOT, format, value), 8, y + 4);
        }
        int epochs = history.size();
        g.drawString("epoch 1", left, bottom + 16);
        g.drawString("epoch " + history.get(epochs - 1).epoch(), right - 60, bottom + 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, left, top + 20);
        g.setColor(color);
        g.setStroke(new BasicStroke(2f));
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < epochs; i++) {
            int x = epochs == 1
                    ? (left + right) / 2
                    : left + (int) Math.round((right - left) * i / (double) (epochs - 1));
            double value = metric.applyAsDouble(history.get(i));
            int y = bottom - (int) Math.round((bottom - plotTop) * (value - min) / (max - min));
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            g.fillOval(x - 3, y - 3, 6, 6);
            previousX = x;
            previousY = y;
        }
    }
}
