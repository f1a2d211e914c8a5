package io.denoiser.broker;

import java.util.List;
import java.util.Locale;

/**
 * Lowers the broker's own logging to WARN: at INFO, one start and stop writes thousands of lines
 * that would bury the application's output.
 *
 * <p>This works through slf4j-simple's per-logger system properties, read when a logger is first
 * created, so it must run before the broker classes are loaded. A level already set for one of
 * these loggers (e.g. {@code -Dorg.slf4j.simpleLogger.log.kafka=info}) is kept, and so is a quieter one
 * inherited from a parent logger or the default level (the launcher's {@code error} for the demo). Loggers
 * shared with the clients are left alone, except the config dump, which is quieted for clients too. Other
 * slf4j bindings ignore these properties.
 */
final class ServerLogLevels {

    private static final String LEVEL_PROPERTY_PREFIX = "org.slf4j.simpleLogger.log.";
    private static final String DEFAULT_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final String LEVEL = "warn";
    private static final List<String> LEVELS_BY_SEVERITY = List.of("trace", "debug", "info", "warn", "error", "off");
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

    private ServerLogLevels() {}

    static void quietByDefault() {
        for (String logger : SERVER_LOGGERS) {
            String property = LEVEL_PROPERTY_PREFIX + logger;
            if (System.getProperty(property) == null && severity(inheritedLevel(logger)) < severity(LEVEL)) {
                System.setProperty(property, LEVEL);
            }
        }
    }

    /** The level a logger gets from its nearest configured parent, or the default level. */
    private static String inheritedLevel(String logger) {
        for (String name = logger; name.contains("."); ) {
            name = name.substring(0, name.lastIndexOf('.'));
            String level = System.getProperty(LEVEL_PROPERTY_PREFIX + name);
            if (level != null) {
                return level;
            }
        }
        return System.getProperty(DEFAULT_LEVEL_PROPERTY, "info");
    }

    private static int severity(String level) {
        return LEVELS_BY_SEVERITY.indexOf(level.trim().toLowerCase(Locale.ROOT));
    }
}
