package io.denoiser.schemas.contract;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.Rejections.assertRejectedWithoutField;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.fixtures.ExampleFiles;
import io.denoiser.schemas.fixtures.ExampleFiles.InvalidExample;
import io.denoiser.schemas.fixtures.JsonSchemas;
import io.denoiser.schemas.image.NoisyImageDecoder;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.RecordSchema;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file under {@code examples/invalid} is a noisy image that the app must reject, with the reason code
 * and field its name states, at default limits.
 */
class InvalidExamplesTest {

    private final Deserializer<NoisyImage> deserializer =
            RecordSerdes.noisyImage().deserializer();
    private final NoisyImageDecoder decoder = new NoisyImageDecoder(RecordLimits.defaults());

    static List<InvalidExample> examples() {
        return ExampleFiles.invalid();
    }

    /** The schema judges JSON documents; malformed JSON is not one, so only the other examples apply. */
    static List<InvalidExample> wellFormedExamples() {
        return examples().stream()
                .filter(example -> example.expectedReason() != ReasonCode.MALFORMED_JSON)
                .toList();
    }

    /** What the stream app does with an input record: read it, then decode its images. */
    private ThrowingCallable process(InvalidExample example) {
        return () -> {
            NoisyImage image = deserializer.deserialize("images.noisy", example.bytes());
            decoder.decodeData(image);
            decoder.decodeReference(image);
        };
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldFailWithTheReasonCodeAndFieldThatItsNameStates(InvalidExample example) {
        if (example.expectedField().isPresent()) {
            assertRejected(
                    process(example),
                    example.expectedReason(),
                    example.expectedField().get());
        } else {
            assertRejectedWithoutField(process(example), example.expectedReason());
        }
    }

    @Test
    void shouldCoverEveryReasonCodeThatAnInputRecordCanCause() {
        List<ReasonCode> causedByInput = Arrays.stream(ReasonCode.values())
                .filter(ReasonCode::causedByInput)
                .toList();

        assertThat(examples()).extracting(InvalidExample::expectedReason).containsAll(causedByInput);
    }

    @ParameterizedTest
    @MethodSource("wellFormedExamples")
    void shouldBreakTheJsonSchemaExactlyWhenItIsASchemaViolation(InvalidExample example) {
        List<String> violations = JsonSchemas.violations(RecordSchema.NOISY_IMAGE, example.text());

        if (example.expectedReason() == ReasonCode.SCHEMA_VIOLATION) {
            assertThat(violations).isNotEmpty();
        } else {
            assertThat(violations)
                    .as("only the decoding steps can see this problem")
                    .isEmpty();
        }
    }
}
