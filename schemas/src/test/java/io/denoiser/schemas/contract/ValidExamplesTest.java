package io.denoiser.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.fixtures.ExampleFiles;
import io.denoiser.schemas.fixtures.ExampleFiles.ValidExample;
import io.denoiser.schemas.fixtures.Json;
import io.denoiser.schemas.fixtures.JsonSchemas;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageDecoder;
import io.denoiser.schemas.image.NoisyImageDecoder;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.records.RecordSchema;
import io.denoiser.schemas.serde.JsonRecordSerde;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file under {@code examples/valid} is a record that the schema, the serde and the decoders accept. */
class ValidExamplesTest {

    private static final String TOPIC = "examples";

    static List<ValidExample> examples() {
        return ExampleFiles.valid();
    }

    private static Record read(ValidExample example) {
        return read(example.schema().recordType(), example.bytes());
    }

    private static <T extends Record> T read(Class<T> type, byte[] json) {
        return new JsonRecordSerde<>(type).deserializer().deserialize(TOPIC, json);
    }

    private static <T extends Record> byte[] write(Class<T> type, Record record) {
        return new JsonRecordSerde<>(type).serializer().serialize(TOPIC, type.cast(record));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldValidateAgainstItsJsonSchema(ValidExample example) {
        String json = new String(example.bytes(), StandardCharsets.UTF_8);

        assertThat(JsonSchemas.violations(example.schema(), json)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldRoundTripThroughTheSerdeUnchanged(ValidExample example) {
        Record record = read(example);

        byte[] written = write(example.schema().recordType(), record);

        assertThat(Json.tree(written)).isEqualTo(Json.tree(example.bytes()));
        assertThat(read(example.schema().recordType(), written)).isEqualTo(record);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void shouldHoldPayloadsThatDecode(ValidExample example) {
        Record record = read(example);

        if (record instanceof NoisyImage noisy) {
            NoisyImageDecoder decoder = new NoisyImageDecoder(RecordLimits.defaults());
            assertThat(decoder.decodeData(noisy).width()).isEqualTo(noisy.width());
            assertThat(decoder.decodeReference(noisy).map(DecodedImage::height))
                    .isEqualTo(noisy.hasReference() ? Optional.of(noisy.height()) : Optional.empty());
        } else if (record instanceof Reconstruction reconstruction) {
            DecodedImage image = ImageDecoder.decode(
                    reconstruction.encoding(),
                    reconstruction.data(),
                    reconstruction.width(),
                    reconstruction.height(),
                    "data");
            assertThat(image.width()).isEqualTo(reconstruction.width());
        } else {
            DeadLetter letter = (DeadLetter) record;
            if (letter.reason() == ReasonCode.UNREADABLE_BUFFER_ENTRY) {
                assertThat(letter.originalValueBytes())
                        .as("lost with the entry")
                        .isNull();
            } else if (letter.originalValueOmitted() == null) {
                assertThat(letter.originalValueBytes()).isNotEmpty();
            } else {
                assertThat(letter.originalValueOmitted().prefixBytes())
                        .hasSizeLessThanOrEqualTo(letter.originalValueOmitted().size());
            }
        }
    }

    @Test
    void shouldIncludeAnExampleOfEveryRecordType() {
        assertThat(examples()).extracting(ValidExample::schema).contains(RecordSchema.values());
    }
}
