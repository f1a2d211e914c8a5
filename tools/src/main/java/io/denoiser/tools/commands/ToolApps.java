package io.denoiser.tools.commands;

import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.config.TopicNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;

/** The stream app as the demo and the benchmark run it: on their broker and topics, in this process. */
final class ToolApps {

    private ToolApps() {}

    /**
     * @param settings any further settings of the app (batching, runtime...), as {@code run} would take them
     */
    static StreamAppConfig config(
            ToolBroker broker,
            TopicNames topics,
            Path stateDir,
            String applicationId,
            Path model,
            Map<String, String> settings) {
        return StreamAppConfig.from(settings(broker, topics, stateDir, applicationId, model, settings));
    }

    /** The settings of {@link #config}, as {@code run --config} takes them. */
    static Map<String, String> settings(
            ToolBroker broker,
            TopicNames topics,
            Path stateDir,
            String applicationId,
            Path model,
            Map<String, String> settings) {
        Map<String, String> config = new HashMap<>();
        broker.clientProperties().forEach((key, value) -> config.put(key, String.valueOf(value)));
        config.put(StreamAppConfigDef.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamAppConfigDef.INPUT_TOPIC_CONFIG, topics.input());
        config.put(StreamAppConfigDef.OUTPUT_TOPIC_CONFIG, topics.output());
        config.put(StreamAppConfigDef.DEAD_LETTER_TOPIC_CONFIG, topics.deadLetter());
        config.put(StreamAppConfigDef.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamAppConfigDef.MODEL_DIR_CONFIG, model.toString());
        config.put(StreamAppConfigDef.HTTP_PORT_CONFIG, "0"); // a free port unless the settings name one
        config.putAll(settings);
        return config;
    }

    /** Topics of a run's own on a user's broker, so that a tool never mixes with their data. */
    static TopicNames ownTopics(String prefix) {
        return new TopicNames(
                prefix + TopicNames.DEFAULT.input(),
                prefix + TopicNames.DEFAULT.output(),
                prefix + TopicNames.DEFAULT.deadLetter());
    }

    /** Deletes a run's state folder; a folder left behind is not worth failing a run for, so it only warns. */
    static void deleteQuietly(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            System.err.println("denoiser: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
