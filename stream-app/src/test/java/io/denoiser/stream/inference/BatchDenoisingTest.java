package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.serde.UnknownFields;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.health.ModelHealth;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import io.denoiser.stream.validation.AdmittedImage;
import io.denoiser.stream.validation.DecodedImages;
import io.denoiser.stream.validation.InputPolicy;
import io.denoiser.stream.validation.NoisyImageReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A record is read once, by decode-validate: the batcher denoises the pixels it decoded. */
class BatchDenoisingTest {

    private static final long NOW = TestData.NEW_YEAR_2026;

    private final NoisyImageReader defaultReader = reader(RecordLimits.defaults());
    /** A reader that refuses the image: it shows whether the batch was read again. */
    private final NoisyImageReader refusingReader = reader(new RecordLimits(8, 8, 1_000));

    private final DecodedImages decoded = new DecodedImages();

    @Test
    void shouldDenoiseThePixelsDecodeValidateDecodedWithoutReadingTheRecordAgain() {
        InputRecord input = input(7);
        decoded.put(new AdmittedImage(input, defaultReader.read(input)));

        List<FlushOutcome> outcomes = denoising(refusingReader).denoise(List.of(input), NOW);

        assertThat(outcomes).singleElement().isInstanceOf(FlushOutcome.Denoised.class);
        assertThat(decoded.size())
                .as("each decoded image is denoised once, then let go")
                .isZero();
    }

    @Test
    void shouldReadAnImageRestoredAfterARestartFromItsBytes() {
        InputRecord restored = input(8);

        List<FlushOutcome> outcomes = denoising(refusingReader).denoise(List.of(restored), NOW);

        assertThat(outcomes)
                .singleElement()
                .isInstanceOfSatisfying(
                        FlushOutcome.DeadLettered.class,
                        letter -> assertThat(letter.deadLetter().reason()).isEqualTo(ReasonCode.TOO_LARGE));
    }

    private BatchDenoising denoising(NoisyImageReader reader) {
        LiveModel live =
                new LiveModel(new ServingModel(TestData.MODEL_VERSION, "fake", 1, FakeDenoiser::inverting, () -> {}));
        return new BatchDenoising(
                TaskModel.open(live, "0_0"), reader, decoded, Long.MAX_VALUE, InFlightCalls.none(), new ModelHealth());
    }

    private static NoisyImageReader reader(RecordLimits limits) {
        return new NoisyImageReader(new InputPolicy(limits, 1 << 20, UnknownFields.IGNORE));
    }

    private static InputRecord input(long offset) {
        DecodedImage image = TestData.gradient(28, 28);
        return new InputRecord(
                new SourceCoordinates("images.noisy", 0, offset),
                TestData.utf8("img-" + offset),
                TestData.json(TestData.noisyImage("img-" + offset, image)),
                NOW);
    }
}
