package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.metrics.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README's Observability section names exactly the metrics the app exports, so neither can drift. */
class ReadmeMetricsTest {

    private static final Pattern METRIC = Pattern.compile("`(denoiser_[a-z_]+)");

    @Test
    void shouldNameEveryMetricTheAppExportsAndNoOther() throws IOException {
        // surefire runs in the module's directory
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("### Observability");
        String section = readme.substring(start, readme.indexOf("\n### ", start + 1));

        Set<String> named = METRIC.matcher(section)
                .results()
                .map(match -> match.group(1))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(named).isEqualTo(exported()).containsAll(ExportedMetrics.DENOISER);
    }

    private static Set<String> exported() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new MicrometerMetrics(registry, () -> 0).modelLoaded("v", "r", Duration.ZERO);
        return registry.scrape()
                .lines()
                .filter(line -> line.startsWith("# TYPE denoiser_"))
                .map(line -> line.split(" ", 4)[2])
                .filter(name -> !name.endsWith("_max"))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
