package io.denoiser.stream.reliability;

import io.denoiser.stream.config.TopicNames;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The settings of an app process under test: the broker, its own topics and group, and the project's model. */
final class AppSettings {

    private AppSettings() {}

    /**
     * A mutable map, for a test to add to: the real model (system property {@code denoiser.model}, the project's
     * {@code models/default}, set by failsafe) on the default runtime, the default batching.
     */
    static Map<String, String> of(String bootstrapServers, String applicationId, TopicNames topics, Path stateDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("application.id", applicationId);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", stateDir.toString());
        settings.put("model.dir", modelDir().toString());
        return settings;
    }

    static Path modelDir() {
        return Path.of(Objects.requireNonNull(
                System.getProperty("denoiser.model"),
                "system property denoiser.model is not set: run the integration tests with Maven"));
    }
}
