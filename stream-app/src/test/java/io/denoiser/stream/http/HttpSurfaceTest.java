package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.stream.config.HttpSettings;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.metrics.MicrometerMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpSurfaceTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final FakeStreams streams = new FakeStreams();
    private final ServedModel model = new ServedModel();
    private HttpSurface surface;

    @BeforeEach
    void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ServingHealth serving = ServingHealth.create(Duration.ofSeconds(60));
        MicrometerMetrics meters = new MicrometerMetrics(registry, () -> 0);
        HealthChecks checks = new HealthChecks(streams, serving, model);
        LivePage page = new LivePage(checks, meters, new LiveHistory(meters, () -> 0), new LiveImages(250));
        surface = HttpSurface.start(new HttpSettings("127.0.0.1", 0), registry, checks, page, registry::close);
    }

    @AfterEach
    void stop() {
        surface.close();
    }

    @Test
    void shouldListenOnAFreePortWhenAskedForPortZero() {
        assertThat(surface.uri().toString()).startsWith("http://127.0.0.1:").doesNotEndWith(":0/");
        assertThat(surface.uri().getPort()).isPositive();
    }

    @Test
    void shouldServeTheMetricsInPrometheusTextFormat() throws Exception {
        HttpResponse<String> response = get("metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE denoiser_reconstructions_total counter");
    }

    @Test
    void shouldAnswerReadinessWith503UntilKafkaStreamsRunsWithAModel() throws Exception {
        HttpResponse<String> starting = get("health/ready");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(starting).get("status").asText()).isEqualTo("DOWN");

        model.modelLoaded("dae@abc", "onnx", Duration.ofSeconds(1));
        streams.state = State.RUNNING;
        HttpResponse<String> running = get("health/ready");

        assertThat(running.statusCode()).isEqualTo(200);
        JsonNode body = json(running);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.get("kafkaStreams").asText()).isEqualTo("RUNNING");
        assertThat(body.get("model").get("version").asText()).isEqualTo("dae@abc");
    }

    @Test
    void shouldAnswerLivenessWith503WhenKafkaStreamsFailed() throws Exception {
        assertThat(get("health/live").statusCode()).isEqualTo(200);

        streams.state = State.ERROR;

        HttpResponse<String> failed = get("health/live");
        assertThat(failed.statusCode()).isEqualTo(503);
        assertThat(json(failed).get("problems").get(0).asText()).isEqualTo("Kafka Streams is ERROR");
    }

    @Test
    void shouldServeTheLivePageAndItsData() throws Exception {
        HttpResponse<String> page = get("");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<script src=\"live.js\"");
        assertThat(get("live.js").statusCode()).isEqualTo(200);
        assertThat(get("live.css").statusCode()).isEqualTo(200);

        JsonNode live = json(get("api/live"));
        assertThat(live.get("health").get("ready").asBoolean()).isFalse();
        assertThat(live.get("totals").get("reconstructions").asLong()).isZero();
        assertThat(live.has("series")).isTrue();
        assertThat(live.has("samples")).isTrue();
    }

    @Test
    void shouldRefuseUnknownPathsAndOtherMethods() throws Exception {
        assertThat(get("nothing-here").statusCode()).isEqualTo(404);
        assertThat(get("..%2Fpom.xml").statusCode()).isEqualTo(404);
        assertThat(get("web/index.html").statusCode()).isEqualTo(404);
        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(surface.uri().resolve("metrics"))
                        .POST(HttpRequest.BodyPublishers.ofString("x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void shouldStopListeningWhenClosed() {
        URI uri = surface.uri();
        surface.close();

        assertThatThrownBy(() -> client.send(
                        HttpRequest.newBuilder(uri.resolve("metrics")).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldSayWhichSettingToChangeWhenThePortIsTaken() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HttpSettings taken = new HttpSettings("127.0.0.1", surface.uri().getPort());

        assertThatThrownBy(() -> HttpSurface.start(taken, registry, null, null, registry::close))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.port() + " (http.host, http.port)")
                .hasMessageContaining("or 0 for a free one");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(surface.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return new ObjectMapper().readTree(response.body());
    }
}
