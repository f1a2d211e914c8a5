package io.denoiser.stream.models;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelDenoisers;
import io.denoiser.stream.inference.ServingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's models: the first one (from {@code model.dir}: one artifact, or the wanted version of a model
 * repository), the {@link LiveModel} that the topology's batches lease, the {@link ModelRollout} that swaps new ones
 * in, and the sources it watches (the repository folder, the models control topic). Close it after the streams have
 * stopped: it stops the watches, then releases the last model.
 */
public final class ModelService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

    private final LiveModel live;
    private final ModelRollout rollout;
    private final List<AutoCloseable> watches = new ArrayList<>();

    private ModelService(LiveModel live, ModelRollout rollout) {
        this.live = live;
        this.rollout = rollout;
    }

    /**
     * Loads and scores the first model, then starts watching for new ones; the control topic is read to its end
     * first, so the app starts on the version it names.
     *
     * @param events told of every swap and refusal (metrics, readiness)
     * @throws io.denoiser.model.artifact.ArtifactException      when the first model cannot be trusted
     * @throws io.denoiser.stream.inference.ServingModelException when the runtime cannot serve it here
     */
    public static ModelService start(StreamAppConfig config, int threadsPerCall, ModelSwapEvents events) {
        CandidateCheck check = new CandidateCheck(
                ProbeSet.shipped(ProbeSet.DEFAULT_SIZE),
                config.model().qualityMarginDb(),
                config.model().runtime(),
                threadsPerCall);
        Optional<ModelRepository> repository = ModelRepository.at(config.model().dir());
        Optional<ModelRepository.Choice> choice = repository.flatMap(ModelRepository::wanted);
        Path first = repository.isEmpty()
                ? config.model().dir()
                : choice.orElseThrow(() -> new ArtifactException(
                                config.model().dir(),
                                "holds no model: neither an artifact (model.json) nor a repository of versions"
                                        + " (sub-folders with a model.json)"))
                        .version();
        ServingModel model = ModelDenoisers.load(first, config.model().runtime(), threadsPerCall);
        double psnr;
        try {
            psnr = check.score(model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        LOG.info("model {} from {} scores {} dB on the probe set", model.version(), first, String.format("%.2f", psnr));
        LiveModel live = new LiveModel(model);
        ModelService service = new ModelService(live, new ModelRollout(live, psnr, check, events));
        try {
            events.onStarted(service.rollout);
            if (repository.isPresent()) {
                service.watches.add(RepositoryWatch.start(
                        repository.get(),
                        service.rollout,
                        choice,
                        config.model().pollInterval()));
            }
            if (config.model().controlTopic()) {
                service.watches.add(ControlTopicWatch.start(
                        ModelControlRecords.topicOf(config.applicationId()),
                        clientSettings(config),
                        config.stateDir().resolve("models-" + config.applicationId()),
                        service.rollout,
                        config.timeouts().startup()));
            }
            return service;
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    public LiveModel live() {
        return live;
    }

    /** The version and runtime that serve, swaps and refusals so far. */
    public ModelRollout rollout() {
        return rollout;
    }

    /** Bootstrap servers and the security settings of the app's clients, for the control topic's own clients. */
    static Map<String, Object> clientSettings(StreamAppConfig config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        config.kafkaSettings().forEach((key, value) -> {
            if (key.startsWith("security.")
                    || key.startsWith("sasl.")
                    || key.startsWith("ssl.")
                    || key.equals(CommonClientConfigs.CLIENT_DNS_LOOKUP_CONFIG)) {
                settings.put(key, value);
            }
        });
        return settings;
    }

    /**
     * Stops looking for new models: the watches (the control topic's consumer among them) and a verification under
     * way. The serving model stays, so this may be called while batches still run, e.g. when Kafka Streams did not
     * stop in time. Idempotent.
     */
    public void stopWatching() {
        for (int i = watches.size() - 1; i >= 0; i--) {
            try {
                watches.get(i).close();
            } catch (Exception e) {
                LOG.warn("cannot stop a model watch: {}", e.toString());
            }
        }
        watches.clear();
        rollout.close();
    }

    /** Stops the watches, then releases the serving model (closed once no batch uses it). */
    @Override
    public void close() {
        stopWatching();
        live.close();
    }
}
