package io.denoiser.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ServerLogLevelsTest {

    private static final String CONTROLLER = "org.slf4j.simpleLogger.log.org.apache.kafka.controller";
    private static final String KAFKA_CLIENTS_AND_SERVER = "org.slf4j.simpleLogger.log.org.apache.kafka";
    private static final String DEFAULT = "org.slf4j.simpleLogger.defaultLogLevel";

    private Properties saved;

    @BeforeEach
    void startFromUnsetLevels() {
        saved = (Properties) System.getProperties().clone();
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith("org.slf4j.simpleLogger."))
                .forEach(System::clearProperty);
    }

    @AfterEach
    void restoreSystemProperties() {
        System.setProperties(saved);
    }

    @Test
    void shouldLowerTheBrokersLoggersToWarnByDefault() {
        ServerLogLevels.quietByDefault();

        assertThat(System.getProperty(CONTROLLER)).isEqualTo("warn");
    }

    @Test
    void shouldKeepALevelSetForTheLoggerItself() {
        System.setProperty(CONTROLLER, "info");

        ServerLogLevels.quietByDefault();

        assertThat(System.getProperty(CONTROLLER)).isEqualTo("info");
    }

    @Test
    void shouldKeepAQuieterLevelInheritedFromAParentLogger() {
        System.setProperty(KAFKA_CLIENTS_AND_SERVER, "error");

        ServerLogLevels.quietByDefault();

        assertThat(System.getProperty(CONTROLLER)).isNull();
    }

    @Test
    void shouldKeepAQuieterDefaultLevel() {
        System.setProperty(DEFAULT, "error");

        ServerLogLevels.quietByDefault();

        assertThat(System.getProperty(CONTROLLER)).isNull();
    }
}
