package io.denoiser.testkit;

import static io.denoiser.testkit.DenoiserAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.Reconstruction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The kit against Apache Kafka in a container, where Docker runs; skipped without it. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerBrokerDenoiserExtensionIT {

    @Container
    static KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0");

    @RegisterExtension
    static DenoiserExtension denoiser = DenoiserExtension.forBootstrapServers(kafka::getBootstrapServers);

    @Test
    void shouldDenoiseOnTheGivenBroker() {
        denoiser.publish("digit", MnistDigits.first(1).get(0));

        Reconstruction reconstruction = denoiser.awaitReconstruction("digit");

        assertThat(denoiser.bootstrapServers()).isEqualTo(kafka.getBootstrapServers());
        assertThat(reconstruction).hasPsnrAtLeast(15.0).wasMadeBy(denoiser.modelVersion());
    }
}
