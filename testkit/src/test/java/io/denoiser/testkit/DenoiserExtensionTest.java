package io.denoiser.testkit;

import static io.denoiser.testkit.DenoiserAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.image.GrayImage;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The kit as a user's test sees it: the denoiser on the embedded broker, with the shipped model and digits. */
class DenoiserExtensionTest {

    @RegisterExtension
    static DenoiserExtension denoiser = DenoiserExtension.embedded().withBatching(8, 20);

    private static final Set<String> INPUT_TOPICS_SEEN = new HashSet<>();

    @Test
    void shouldDenoiseAPublishedDigitWellAboveTheNoisyInput() {
        GrayImage digit = MnistDigits.first(1).get(0);

        NoisyImage sent = denoiser.publish("digit-7", digit);
        Reconstruction reconstruction = denoiser.awaitReconstruction("digit-7");

        assertThat(sent.reference())
                .as("the clean digit travels as the reference")
                .isNotNull();
        assertThat(reconstruction)
                .hasId("digit-7")
                .hasSize(28, 28)
                .wasMadeBy(denoiser.modelVersion())
                .hasPsnrAtLeast(15.0);
        INPUT_TOPICS_SEEN.add(denoiser.topics().input());
    }

    @Test
    void shouldReconstructEveryImageOfABatch() {
        List<NoisyImage> sent = denoiser.publishAll(MnistDigits.first(40));

        List<Reconstruction> received = denoiser.awaitReconstructions(sent.size());

        assertThat(received)
                .extracting(Reconstruction::id)
                .containsExactlyInAnyOrderElementsOf(
                        sent.stream().map(NoisyImage::id).toList());
        assertThat(received).allSatisfy(image -> assertThat(image).hasPsnrAtLeast(12.0));
        INPUT_TOPICS_SEEN.add(denoiser.topics().input());
    }

    @Test
    void shouldDeadLetterAMalformedRecordNamingItsReason() {
        denoiser.publishRaw("broken", "not json".getBytes(StandardCharsets.UTF_8));

        DeadLetter letter = denoiser.awaitDeadLetter("broken");

        assertThat(letter.reason()).isEqualTo(ReasonCode.MALFORMED_JSON);
        assertThat(letter.sourceTopic()).isEqualTo(denoiser.topics().input());
        assertThat(denoiser.reconstructions())
                .as("this test's topics hold only this test's records")
                .isEmpty();
        INPUT_TOPICS_SEEN.add(denoiser.topics().input());
    }

    @Test
    void shouldPublishAnImageAsItIsWithoutAReference() {
        denoiser.publishAsIs("as-is", MnistDigits.first(2).get(1));

        Reconstruction reconstruction = denoiser.awaitReconstruction("as-is");

        assertThat(reconstruction.psnr()).as("no reference, no PSNR").isNull();
        INPUT_TOPICS_SEEN.add(denoiser.topics().input());
    }

    @Test
    void shouldGiveEachTestTopicsOfItsOwn() {
        assertThat(INPUT_TOPICS_SEEN).doesNotContain(denoiser.topics().input());
        assertThat(denoiser.deadLetters()).isEmpty();
    }
}
