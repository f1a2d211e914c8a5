package io.denoiser.stream.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;

/**
 * Collects the raw settings of the stream app, later sources winning: the properties file, then the
 * environment. Values stay strings; {@link StreamAppConfig#from} parses and checks them.
 */
public final class ConfigSources {

    private ConfigSources() {}

    /**
     * Merges the settings of the properties file and of the environment, the environment's winning.
     *
     * @param file        a properties file (UTF-8), or {@code null} for none
     * @param environment the process environment, e.g. {@code System.getenv()}
     * @throws ConfigException when the file cannot be read
     */
    public static Map<String, String> merge(Path file, Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (file != null) {
            settings.putAll(readProperties(file));
        }
        settings.putAll(fromEnvironment(environment));
        return settings;
    }

    /**
     * The settings the environment sets: {@code DENOISER_<KEY>} for the app's keys, {@code DENOISER_KAFKA_<KEY>}
     * for Kafka's.
     */
    static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String key : StreamAppConfigDef.DEFINITION.names()) {
            String value = environment.get(StreamAppConfigDef.environmentVariable(key));
            if (value != null) {
                settings.put(key, value);
            }
        }
        environment.forEach((variable, value) -> {
            if (variable.startsWith(StreamAppConfigDef.ENVIRONMENT_KAFKA_PREFIX)) {
                settings.put(StreamAppConfigDef.kafkaKeyOf(variable), value);
            }
        });
        return settings;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("cannot read the config file " + file + ": " + e);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        return settings;
    }
}
