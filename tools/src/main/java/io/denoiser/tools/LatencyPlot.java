package io.denoiser.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** A line chart of end-to-end latency (ms) against offered load (images/s), one line per series. */
public final class LatencyPlot {

    private static final int WIDTH = 760;
    private static final int HEIGHT = 440;

    /** A point: offered load and latency. */
    public record Point(double load, double latencyMillis) {}

    public record Series(String label, List<Point> points) {}

    private LatencyPlot() {}

    public static BufferedImage render(String title, List<Series> series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Series line : series) {
            XYSeries points = new XYSeries(line.label(), false);
            line.points().forEach(point -> points.add(point.load(), point.latencyMillis()));
            data.addSeries(points);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "offered load (images/s)", "latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return chart.createBufferedImage(WIDTH, HEIGHT);
    }
}
