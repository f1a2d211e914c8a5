package io.denoiser.testkit;

import static io.denoiser.testkit.DenoiserAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.records.Reconstruction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The kit against a broker the test owns, given by its bootstrap servers: here an embedded one, so this runs
 * everywhere; {@code ContainerBrokerDenoiserExtensionIT} is its twin against a Testcontainers KafkaContainer.
 */
class ExternalBrokerDenoiserExtensionTest {

    private static final EmbeddedKafkaBroker BROKER = EmbeddedKafkaBroker.start();

    @RegisterExtension
    static DenoiserExtension denoiser = DenoiserExtension.forBootstrapServers(BROKER::bootstrapServers);

    @AfterAll
    static void stopBroker() {
        BROKER.close();
    }

    @Test
    void shouldDenoiseOnTheGivenBroker() {
        denoiser.publish("digit", MnistDigits.first(1).get(0));

        Reconstruction reconstruction = denoiser.awaitReconstruction("digit");

        assertThat(denoiser.bootstrapServers()).isEqualTo(BROKER.bootstrapServers());
        assertThat(reconstruction).hasPsnrAtLeast(15.0).wasMadeBy(denoiser.modelVersion());
    }
}
