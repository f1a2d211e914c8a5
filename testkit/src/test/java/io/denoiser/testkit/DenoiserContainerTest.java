package io.denoiser.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.wait.strategy.HttpWaitStrategy;
import org.testcontainers.kafka.KafkaContainer;

/** How the container is configured, checked without Docker (nothing here starts a container). */
class DenoiserContainerTest {

    @Test
    void shouldPutKafkaAndTheDenoiserOnOneNetworkWithAListenerThere() {
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0");

        DenoiserContainer denoiser = new DenoiserContainer().withKafka(kafka);

        assertThat(denoiser.getNetwork()).isNotNull().isSameAs(kafka.getNetwork());
        assertThat(kafka.getNetworkAliases()).contains(DenoiserContainer.KAFKA_ALIAS);
        assertThat(denoiser.getEnvMap()).containsEntry("DENOISER_BOOTSTRAP_SERVERS", "kafka:19092");
        assertThat(denoiser.getDependencies()).contains(kafka);
    }

    @Test
    void shouldPassBatchingAndTopicsAsTheAppsEnvironmentSettings() {
        DenoiserContainer denoiser =
                new DenoiserContainer().withBatching(16, 25).withTopics("in", "out", "dlq");

        assertThat(denoiser.getEnvMap())
                .containsEntry("DENOISER_MAX_BATCH_SIZE", "16")
                .containsEntry("DENOISER_MAX_BATCH_DELAY_MS", "25")
                .containsEntry("DENOISER_INPUT_TOPIC", "in")
                .containsEntry("DENOISER_OUTPUT_TOPIC", "out")
                .containsEntry("DENOISER_DEAD_LETTER_TOPIC", "dlq");
    }

    @Test
    void shouldExposeTheHttpPortAndWaitUntilTheAppIsReady() {
        DenoiserContainer denoiser = new DenoiserContainer();

        assertThat(denoiser.getExposedPorts()).containsExactly(DenoiserContainer.HTTP_PORT);
        assertThat(denoiser.getEnvMap())
                .containsEntry("DENOISER_HTTP_HOST", "0.0.0.0")
                .containsEntry("DENOISER_HTTP_PORT", "8080");
        assertThat(denoiser.readiness())
                .isInstanceOf(HttpWaitStrategy.class)
                .hasFieldOrPropertyWithValue("path", "/health/ready")
                .hasFieldOrPropertyWithValue("livenessPort", Optional.of(8080));
    }

    @Test
    void shouldCopyAnotherModelInAndServeIt() {
        DenoiserContainer denoiser = new DenoiserContainer().withModel(Path.of("models/default"));

        assertThat(denoiser.getEnvMap()).containsEntry("DENOISER_MODEL_DIR", DenoiserContainer.MODEL_DIR);
    }
}
