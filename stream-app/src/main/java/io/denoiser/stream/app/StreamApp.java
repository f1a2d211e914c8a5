package io.denoiser.stream.app;

import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.health.StallWatch;
import io.denoiser.stream.http.Observability;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelDenoisers;
import io.denoiser.stream.inference.ServingModel;
import io.denoiser.stream.topology.DenoiserTopology;
import java.time.Duration;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the app from its config: loads the model, builds the topology, starts the checks for stalls, and hands them
 * to a lifecycle, observed: metrics, health and the live page over HTTP ({@link Observability}).
 */
public final class StreamApp {

    private static final Logger LOG = LoggerFactory.getLogger(StreamApp.class);

    private StreamApp() {}

    /**
     * Loads the model the config names, builds the topology around it and creates the lifecycle that runs both;
     * the model is closed again when building the rest fails.
     *
     * @return a lifecycle ready to {@link StreamAppLifecycle#start}, owning the model
     * @throws io.denoiser.model.artifact.ArtifactException         when the artifact cannot be trusted
     * @throws io.denoiser.stream.inference.ServingModelException    when the runtime cannot serve it here
     * @throws StartupException                                     when Kafka's clients cannot be created
     */
    public static StreamAppLifecycle assemble(StreamAppConfig config) {
        int threads = config.model()
                .threadsPerCall(config.numStreamThreads(), Runtime.getRuntime().availableProcessors());
        long loading = System.nanoTime();
        ServingModel model =
                ModelDenoisers.load(config.model().dir(), config.model().runtime(), threads);
        Duration loadTime = Duration.ofNanos(System.nanoTime() - loading);
        LOG.info(
                "serving model {} from {} on {} with {} inference threads per model call, num.stream.threads={}",
                model.version(),
                config.model().dir(),
                model.runtime(),
                threads,
                config.numStreamThreads());
        ServingHealth health = ServingHealth.create(config.stallTimeout());
        StallWatch.Watching stallChecks = health.stalls().startWatching();
        LiveModel live = new LiveModel(model);
        try {
            Observability observability = Observability.create(config.http(), health);
            observability.metrics().modelLoaded(model.version(), model.runtime(), loadTime);
            Topology topology = DenoiserTopology.build(config, live, health, observability.metrics());
            return new StreamAppLifecycle(
                    topology,
                    config,
                    () -> {
                        stallChecks.close();
                        live.close();
                    },
                    observability);
        } catch (RuntimeException e) {
            stallChecks.close();
            live.close();
            throw e;
        }
    }
}
