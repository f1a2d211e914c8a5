package io.denoiser.stream.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment files of the HTTP surface (issue 14), held to the code like {@link DeploymentFilesTest} holds the
 * rest: the container listens where its health checks and published port point, the checks ask the app's health
 * endpoints, and Prometheus and the Grafana dashboard of the {@code monitoring} profile ask for metrics the app
 * exports. Nothing here runs Docker.
 */
class MonitoringFilesTest {

    private static final Path ROOT =
            Path.of(System.getProperty("denoiser.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern METRIC_NAME = Pattern.compile("\\b((?:denoiser|jvm|kafka|process)_[a-z_]+)\\b");
    private static final Pattern HEALTH_CHECK =
            Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+|\\$\\{DENOISER_HTTP_PORT:-(\\d+)}) .*GET (/health/\\w+) ");

    @Test
    void shouldListenOnEveryInterfaceOfTheContainerAndPublishThatPort() throws IOException {
        StreamAppConfig config = denoiserConfig();

        assertThat(config.http().host()).isEqualTo("0.0.0.0");
        assertThat(strings(denoiser().path("ports")))
                .contains(config.http().port() + ":" + config.http().port());
        assertThat(Files.readString(ROOT.resolve("Dockerfile")))
                .contains("DENOISER_HTTP_HOST=0.0.0.0")
                .contains("EXPOSE " + config.http().port());
    }

    @Test
    void shouldCheckTheAppsHealthEndpointsOnItsPort() throws IOException {
        int port = denoiserConfig().http().port();

        Matcher compose =
                HEALTH_CHECK.matcher(String.join(" ", strings(denoiser().at("/healthcheck/test"))));
        assertThat(compose.find()).as("compose's healthcheck of the denoiser").isTrue();
        assertThat(compose.group(1)).isEqualTo(Integer.toString(port));
        assertThat(compose.group(3)).isEqualTo("/health/ready");

        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("HEALTHCHECK ");
        Matcher image = HEALTH_CHECK.matcher(dockerfile.substring(dockerfile.indexOf("HEALTHCHECK ")));
        assertThat(image.find()).as("the image's HEALTHCHECK").isTrue();
        assertThat(image.group(2)).isEqualTo(Integer.toString(port));
        assertThat(image.group(3)).isEqualTo("/health/live");
    }

    @Test
    void shouldRunPrometheusAndGrafanaOnlyUnderTheMonitoringProfile() throws IOException {
        JsonNode services = compose().path("services");

        for (String service : List.of("prometheus", "grafana")) {
            assertThat(strings(services.path(service).path("profiles")))
                    .as(service)
                    .containsExactly("monitoring");
        }
        assertThat(strings(services.path("denoiser").path("profiles"))).isEmpty();
    }

    @Test
    void shouldScrapeTheAppsMetricsEndpoint() throws IOException {
        JsonNode prometheus =
                YAML.readTree(ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
        JsonNode job = prometheus.path("scrape_configs").get(0);

        assertThat(job.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(strings(job.at("/static_configs/0/targets")))
                .containsExactly("denoiser:" + denoiserConfig().http().port());
        assertThat(strings(compose().at("/services/prometheus/volumes")))
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
    }

    @Test
    void shouldChartOnlyMetricsTheAppExports() throws IOException {
        Set<String> exported = exportedMetricNames();
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        ROOT.resolve("deploy/grafana/dashboards/denoiser.json").toFile());
        List<String> queries = new ArrayList<>();
        dashboard
                .path("panels")
                .forEach(panel -> panel.path("targets")
                        .forEach(target -> queries.add(target.path("expr").asText())));

        Set<String> charted = new TreeSet<>();
        for (String query : queries) {
            METRIC_NAME.matcher(query).results().forEach(name -> charted.add(name.group(1)));
        }

        assertThat(queries).hasSizeGreaterThan(10);
        assertThat(charted)
                .allSatisfy(name -> assertThat(exported).as("exported").contains(baseName(name)));
        assertThat(charted.stream().map(MonitoringFilesTest::baseName).toList())
                .as("every metric of the app is on the dashboard")
                .containsAll(exported.stream()
                        .filter(name -> name.startsWith("denoiser_"))
                        .toList());
    }

    /** What the registry of the app writes a {@code # TYPE} line for: its own meters and the JVM's memory. */
    private static Set<String> exportedMetricNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        MicrometerMetrics metrics = new MicrometerMetrics(registry, () -> 0);
        metrics.modelLoaded("v", "r", java.time.Duration.ZERO);
        new JvmMemoryMetrics().bindTo(registry);
        Set<String> names = new TreeSet<>();
        registry.scrape()
                .lines()
                .filter(line -> line.startsWith("# TYPE "))
                .forEach(line -> names.add(line.split(" ", 4)[2]));
        names.removeIf(name -> name.endsWith("_max"));
        return names;
    }

    /** A histogram's series ({@code _bucket}, {@code _sum}, {@code _count}) belong to its name. */
    private static String baseName(String series) {
        return series.replaceFirst("_(bucket|sum|count)$", "");
    }

    private static StreamAppConfig denoiserConfig() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        denoiser().path("environment").properties().forEach(variable -> {
            String name = variable.getKey();
            if (name.startsWith(StreamAppConfigDef.ENVIRONMENT_PREFIX)
                    && !name.startsWith(StreamAppConfigDef.ENVIRONMENT_KAFKA_PREFIX)) {
                for (String key : List.of(StreamAppConfigDef.HTTP_HOST_CONFIG, StreamAppConfigDef.HTTP_PORT_CONFIG)) {
                    if (StreamAppConfigDef.environmentVariable(key).equals(name)) {
                        settings.put(key, variable.getValue().asText());
                    }
                }
            }
        });
        return StreamAppConfig.from(settings);
    }

    private static JsonNode denoiser() throws IOException {
        return compose().path("services").path("denoiser");
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(element -> strings.add(element.asText()));
        return strings;
    }
}
