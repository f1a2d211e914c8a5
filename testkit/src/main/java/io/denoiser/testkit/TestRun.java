package io.denoiser.testkit;

import io.denoiser.broker.TopicAdmin;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.stream.app.StreamApp;
import io.denoiser.stream.app.StreamAppLifecycle;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.utils.Utils;

/**
 * One test's denoiser: topics of its own, the app on them in this JVM, and a client. Closed after the test,
 * leaving nothing behind but the topics on the broker.
 */
final class TestRun implements AutoCloseable {

    private final Path stateDir;
    private final String modelVersion;
    private final StreamAppLifecycle app;
    private final DenoiserClient client;

    private TestRun(Path stateDir, String modelVersion, StreamAppLifecycle app, DenoiserClient client) {
        this.stateDir = stateDir;
        this.modelVersion = modelVersion;
        this.app = app;
        this.client = client;
    }

    static TestRun start(
            String bootstrapServers,
            int partitions,
            Path model,
            Map<String, String> extraSettings,
            NoiseSpec noise,
            Duration timeout) {
        String run = "denoiser-test-" + UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = new TopicNames(run + ".images.noisy", run + ".images.denoised", run + ".images.dlq");
        TopicAdmin.create(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                partitions,
                timeout,
                List.of(topics.input(), topics.output(), topics.deadLetter()));
        Path stateDir = tempStateDir(run);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("application.id", run);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", stateDir.toString());
        settings.put("model.dir", model.toString());
        settings.put("http.port", "0"); // a free port: many test runs may share the machine
        settings.putAll(extraSettings);
        StreamAppLifecycle app = StreamApp.assemble(StreamAppConfig.from(settings));
        app.start();
        return new TestRun(
                stateDir,
                ArtifactLoader.readMetadata(model).modelVersion(),
                app,
                new DenoiserClient(bootstrapServers, topics, noise, timeout));
    }

    DenoiserClient client() {
        return client;
    }

    String modelVersion() {
        return modelVersion;
    }

    @Override
    public void close() {
        try (app;
                client) {
            // closes both, the app first
        } finally {
            deleteStateDir();
        }
    }

    private static Path tempStateDir(String run) {
        try {
            return Files.createTempDirectory(run + "-state-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a state folder for the denoiser", e);
        }
    }

    private void deleteStateDir() {
        try {
            Utils.delete(stateDir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the denoiser's state folder " + stateDir, e);
        }
    }
}
