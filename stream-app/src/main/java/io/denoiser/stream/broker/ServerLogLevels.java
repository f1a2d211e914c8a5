package io.denoiser.stream.broker;

import java.util.List;

/**
 * Lowers the broker's own logging to WARN: at INFO, one start and stop writes thousands of lines
 * that would bury the application's output.
 *
 * <p>This works through slf4j-simple's per-logger system properties, read when a logger is first
 * created, so it must run before the broker classes are loaded. A level already set for one of
 * these loggers (e.g. {@code -Dorg.slf4j.simpleLogger.log.kafka=info}) is kept. Loggers shared
 * with the clients are left alone, except the config dump, which is quieted for clients too. Other slf4j bindings ignore these properties.
 */
final class ServerLogLevels {

    private static final String LEVEL_PROPERTY_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final String LEVEL = "warn";
    private static final List<String> SERVER_LOGGERS = List.of(
            "kafka",
            "state.change.logger",
            // Dumps every config at INFO: the server's several hundred lines, several times.
            // Clients' config dumps go quiet too.
            "org.apache.kafka.common.config.AbstractConfig",
            "org.apache.kafka.controller",
            "org.apache.kafka.coordinator",
            "org.apache.kafka.image",
            "org.apache.kafka.metadata",
            "org.apache.kafka.queue",
            "org.apache.kafka.raft",
            "org.apache.kafka.server",
            "org.apache.kafka.snapshot",
            "org.apache.kafka.storage");

    private ServerLogLevels() {
    }

    static void quietByDefault() {
        for (String logger : SERVER_LOGGERS) {
            String property = LEVEL_PROPERTY_PREFIX + logger;
            if (System.getProperty(property) == null) {
                System.setProperty(property, LEVEL);
            }
        }
    }
}
