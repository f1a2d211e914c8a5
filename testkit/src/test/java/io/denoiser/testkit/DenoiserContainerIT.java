package io.denoiser.testkit;

import static io.denoiser.testkit.DenoiserAssertions.assertThat;

import io.denoiser.broker.TopicAdmin;
import io.denoiser.schemas.records.Reconstruction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The project's Docker image, built from its Dockerfile, against Kafka in a container, where Docker runs;
 * skipped without it. The embedded twin of these assertions is {@link DenoiserExtensionTest}.
 */
@Testcontainers(disabledWithoutDocker = true)
class DenoiserContainerIT {

    @Test
    void shouldDenoiseADigitPublishedToTheContainer() {
        Path root = Path.of(System.getProperty("denoiser.root", ".."));
        try (KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0");
                DenoiserContainer denoiser =
                        DenoiserContainer.builtFrom(root).withKafka(kafka).withBatching(8, 10)) {
            kafka.start();
            TopicAdmin.create(
                    Map.of("bootstrap.servers", kafka.getBootstrapServers()),
                    2,
                    Duration.ofSeconds(30),
                    List.of("images.noisy", "images.denoised", "images.dlq"));
            denoiser.start();

            try (DenoiserClient client = DenoiserClient.connect(kafka.getBootstrapServers())) {
                client.publish("digit", MnistDigits.first(1).get(0));
                Reconstruction reconstruction = client.awaitReconstruction("digit");

                assertThat(reconstruction).hasPsnrAtLeast(15.0);
            }
        }
    }
}
