package io.denoiser.stream.app;

import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.health.StallWatch;
import io.denoiser.stream.http.Observability;
import io.denoiser.stream.inference.ModelCallThreads;
import io.denoiser.stream.models.ModelService;
import io.denoiser.stream.models.ModelSwapEvents;
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
        return assemble(config, ModelSwapEvents.NONE);
    }

    /**
     * Assembles the app as {@link #assemble(StreamAppConfig)} does, telling {@code modelEvents} of every model swap
     * and refused candidate.
     */
    public static StreamAppLifecycle assemble(StreamAppConfig config, ModelSwapEvents modelEvents) {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = config.model().threadsPerCall();
        int callsAtOnce = config.model().callsAtOnce(cores);
        ServingHealth health = ServingHealth.create(config.stallTimeout());
        Observability observability = Observability.create(config.http(), health);
        long loading = System.nanoTime();
        ModelService models;
        try {
            models = ModelService.start(config, threads, new MeteredModelEvents(observability.metrics(), modelEvents));
        } catch (RuntimeException e) {
            observability.discard();
            throw e;
        }
        Duration loadTime = Duration.ofNanos(System.nanoTime() - loading);
        LOG.info(
                "serving model {} from {} on {}: {} model call(s) at once, {} inference thread(s) each,"
                        + " num.stream.threads={}",
                models.rollout().version(),
                config.model().dir(),
                models.rollout().runtime(),
                callsAtOnce,
                threads,
                config.numStreamThreads());
        StallWatch.Watching stallChecks = health.stalls().startWatching();
        ModelCallThreads modelCalls = ModelCallThreads.start(callsAtOnce);
        Runnable closeModel = () -> {
            modelCalls.close();
            models.close();
        };
        try {
            observability
                    .metrics()
                    .modelLoaded(models.rollout().version(), models.rollout().runtime(), loadTime);
            Topology topology =
                    DenoiserTopology.build(config, models.live(), modelCalls, health, observability.metrics());
            return new StreamAppLifecycle(
                    topology,
                    config,
                    closeModel::run,
                    () -> {
                        stallChecks.close();
                        models.stopWatching();
                    },
                    observability);
        } catch (RuntimeException e) {
            stallChecks.close();
            closeModel.run();
            observability.discard();
            throw e;
        }
    }
}
