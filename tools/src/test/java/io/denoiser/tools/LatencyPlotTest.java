package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyPlotTest {

    @Test
    void shouldDrawOneLineOfItsOwnColourPerSeries() {
        List<LatencyPlot.Series> series = List.of(
                new LatencyPlot.Series("p50", List.of(new LatencyPlot.Point(100, 12), new LatencyPlot.Point(500, 20))),
                new LatencyPlot.Series("p99", List.of(new LatencyPlot.Point(100, 30), new LatencyPlot.Point(500, 90))));

        BufferedImage picture = LatencyPlot.render("latency", series);

        assertThat(picture.getWidth()).isEqualTo(760);
        assertThat(picture.getHeight()).isEqualTo(440);
        assertThat(distinctSaturatedColours(picture))
                .as("two lines in two colours")
                .isGreaterThanOrEqualTo(2);
    }

    /** Colours far from grey: the lines and their legend, not the axes, grid or text. */
    private static long distinctSaturatedColours(BufferedImage picture) {
        return java.util.stream.IntStream.range(0, picture.getWidth() * picture.getHeight())
                .map(i -> picture.getRGB(i % picture.getWidth(), i / picture.getWidth()) & 0xFFFFFF)
                .filter(rgb -> {
                    int r = rgb >> 16 & 0xFF;
                    int g = rgb >> 8 & 0xFF;
                    int b = rgb & 0xFF;
                    return Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 150;
                })
                .map(rgb -> rgb & 0xE0E0E0) // antialiasing shades of one colour count once
                .distinct()
                .count();
    }
}
