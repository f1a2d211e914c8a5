package io.denoiser.stream.http;

import io.denoiser.stream.config.HttpSettings;
import io.denoiser.stream.health.BrokerWatch;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Everything that watches one app: its meters (the app's own, Kafka Streams' client metrics through Micrometer's
 * {@link KafkaStreamsMetrics}, the JVM's), the served model, sampled images and the history for the live page, and
 * the HTTP server that shows them. Made before the topology ({@link #metrics()} goes into it), started with the
 * Kafka Streams client ({@link #start}), so that health answers during start-up.
 */
public final class Observability {

    /** The least time between two images sampled for the live page. */
    static final long SAMPLE_PERIOD_MS = 250;

    private final HttpSettings settings;
    private final ServingHealth health;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final MicrometerMetrics meters;
    private final ServedModel model = new ServedModel();
    private final LiveImages images = new LiveImages(SAMPLE_PERIOD_MS);
    private final DenoiserMetrics metrics;

    private Observability(HttpSettings settings, ServingHealth health) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.health = Objects.requireNonNull(health, "health");
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        meters = new MicrometerMetrics(registry, health.stalls()::waitingImages);
        metrics = DenoiserMetrics.all(meters, model, images);
    }

    /**
     * Makes the meters and binds the JVM's; the server starts later, with {@link #start}.
     *
     * @param settings where the HTTP server will listen
     * @param health   what the data path reports of the model and stalls
     */
    public static Observability create(HttpSettings settings, ServingHealth health) {
        return new Observability(settings, health);
    }

    /** What the data path and Kafka Streams' error handlers tell. */
    public DenoiserMetrics metrics() {
        return metrics;
    }

    /**
     * Binds Kafka Streams' metrics and starts the HTTP server.
     *
     * @param broker whether a broker answers the app; owned by the caller
     * @throws java.io.UncheckedIOException when the server cannot listen (the port is taken)
     */
    public HttpSurface start(KafkaStreams streams, BrokerWatch broker) {
        KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(registry);
        HealthChecks checks = new HealthChecks(StreamsStatus.of(streams, broker), health, model);
        LiveHistory history = new LiveHistory(meters, health.stalls()::waitingImages);
        LivePage page = new LivePage(checks, meters, history, images);
        try {
            return HttpSurface.start(settings, registry, checks, page, () -> {
                streamsMetrics.close();
                gcMetrics.close();
                registry.close();
            });
        } catch (RuntimeException e) {
            streamsMetrics.close();
            throw e;
        }
    }
}
