package io.denoiser.trainer.pictures;

import io.denoiser.model.artifact.EpochMetrics;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The artifact's {@code curve.png}: validation BCE and validation PSNR per epoch, two charts on one epoch axis. */
public final class LearningCurve {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 520;

    private LearningCurve() {}

    public static BufferedImage render(List<EpochMetrics> history) {
        if (history.isEmpty()) {
            throw new IllegalArgumentException("a learning curve needs at least one epoch");
        }
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.add(panel(history, "validation BCE", EpochMetrics::validationBce, new Color(0xC0392B)));
        plot.add(panel(history, "validation PSNR (dB)", EpochMetrics::validationPsnr, new Color(0x2471A3)));
        JFreeChart chart = new JFreeChart("learning curve", JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }

    private static XYPlot panel(
            List<EpochMetrics> history, String label, ToDoubleFunction<EpochMetrics> metric, Color color) {
        XYSeries series = new XYSeries(label);
        for (EpochMetrics epoch : history) {
            series.add(epoch.epoch(), metric.applyAsDouble(epoch));
        }
        NumberAxis values = new NumberAxis(label);
        values.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, color);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        XYPlot panel = new XYPlot(new XYSeriesCollection(series), null, values, renderer);
        panel.setBackgroundPaint(Color.WHITE);
        panel.setRangeGridlinePaint(Color.LIGHT_GRAY);
        panel.setDomainGridlinePaint(Color.LIGHT_GRAY);
        return panel;
    }
}
