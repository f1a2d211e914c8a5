package io.denoiser.schemas.serde;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.Rejections.assertRejectedWithoutField;
import static io.denoiser.schemas.fixtures.TestData.aNoisyImage;
import static io.denoiser.schemas.fixtures.TestData.aReconstruction;
import static io.denoiser.schemas.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.denoiser.schemas.fixtures.Json;
import io.denoiser.schemas.fixtures.TestData;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRecordSerdeTest {

    private static final String TOPIC = "images.noisy";

    private final Serde<NoisyImage> serde = RecordSerdes.noisyImage();

    private NoisyImage read(byte[] json) {
        return serde.deserializer().deserialize(TOPIC, json);
    }

    private NoisyImage read(String json) {
        return read(utf8(json));
    }

    /** A valid noisy image as a JSON object that a test may then break. */
    private ObjectNode validJson() {
        return Json.object(serde.serializer().serialize(TOPIC, aNoisyImage().build()));
    }

    static Stream<Arguments> recordsOfEachType() {
        return Stream.of(
                Arguments.of(RecordSerdes.noisyImage(), TestData.noisyImageWithEverything()),
                Arguments.of(RecordSerdes.noisyImage(), aNoisyImage().build()),
                Arguments.of(RecordSerdes.reconstruction(), aReconstruction().build()),
                Arguments.of(
                        RecordSerdes.reconstruction(),
                        aReconstruction().withoutQuality().build()),
                Arguments.of(RecordSerdes.deadLetter(), TestData.deadLetter()));
    }

    @ParameterizedTest
    @MethodSource("recordsOfEachType")
    <T extends Record> void shouldReadBackWhatItWrote(Serde<T> recordSerde, T record) {
        byte[] json = recordSerde.serializer().serialize(TOPIC, record);

        assertThat(recordSerde.deserializer().deserialize(TOPIC, json)).isEqualTo(record);
    }

    @Test
    void shouldTurnNullIntoNullBothWays() {
        assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
        assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
    }

    @Test
    void shouldLeaveOutAbsentOptionalFields() {
        JsonNode json =
                Json.tree(serde.serializer().serialize(TOPIC, aNoisyImage().build()));

        assertThat(json.has("timestamp")).isFalse();
        assertThat(json.has("reference")).isFalse();
        assertThat(json.has("attributes")).isFalse();
    }

    @Test
    void shouldWriteEnumsByTheirWireNames() {
        NoisyImage image = aNoisyImage().build();
        DeadLetter letter = TestData.deadLetter();

        JsonNode imageJson = Json.tree(serde.serializer().serialize(TOPIC, image));
        JsonNode letterJson = Json.tree(RecordSerdes.deadLetter().serializer().serialize(TOPIC, letter));

        assertThat(imageJson.get("encoding").asText())
                .isEqualTo(image.encoding().wireName());
        assertThat(letterJson.get("reason").asText()).isEqualTo(letter.reason().name());
    }

    @Test
    void shouldRejectAnEmptyValueAsMalformedJson() {
        assertRejectedWithoutField(() -> read(new byte[0]), ReasonCode.MALFORMED_JSON);
    }

    @Test
    void shouldRejectAValueOfOnlyWhitespaceAsMalformedJson() {
        assertRejectedWithoutField(() -> read(" \n"), ReasonCode.MALFORMED_JSON);
    }

    @Test
    void shouldRejectContentAfterTheJsonObjectAsMalformedJson() {
        String twoObjects = validJson() + " {}";

        assertRejectedWithoutField(() -> read(twoObjects), ReasonCode.MALFORMED_JSON);
    }

    @Test
    void shouldRejectDuplicateKeysAsMalformedJson() {
        String duplicateWidth = validJson().toString().replaceFirst("\\{", "{\"width\":8,");

        assertRejectedWithoutField(() -> read(duplicateWidth), ReasonCode.MALFORMED_JSON);
    }

    @Test
    void shouldRejectBytesThatAreNotUtf8AsMalformedJson() {
        assertRejectedWithoutField(
                () -> read(new byte[] {(byte) 0xFF, (byte) 0xFE, '{', '}'}), ReasonCode.MALFORMED_JSON);
    }

    @Test
    void shouldRejectJsonThatIsNotAnObjectAsSchemaViolation() {
        assertRejectedWithoutField(() -> read("[]"), ReasonCode.SCHEMA_VIOLATION);
    }

    @Test
    void shouldRejectAMissingRequiredFieldNamingIt() {
        ObjectNode json = validJson();
        json.remove("height");

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, "height");
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "width", "timestamp"})
    void shouldRejectNullInAnyFieldRequiredOrNot(String field) {
        ObjectNode json = validJson();
        json.putNull(field);

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, field);
    }

    @Test
    void shouldNotCoerceNumbersIntoStrings() {
        ObjectNode json = validJson();
        json.put("id", 42);

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, "id");
    }

    @Test
    void shouldNotCoerceStringsIntoNumbers() {
        ObjectNode json = validJson();
        json.put("width", "4");

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, "width");
    }

    @Test
    void shouldRejectAnIntegerTooLargeForItsJavaType() {
        ObjectNode json = validJson();
        json.put("width", 1L + Integer.MAX_VALUE);

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, "width");
    }

    @Test
    void shouldRejectAnUnknownEncodingListingTheKnownOnes() {
        ObjectNode json = validJson();
        json.put("encoding", "jpeg");

        assertThatThrownBy(() -> read(Json.bytes(json)))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("raw-u8")
                .hasMessageContaining("png");
    }

    @Test
    void shouldIgnoreAnUnknownFieldByDefaultSinceANewerProducerMayAddOne() {
        // given a valid image from a producer a version ahead
        ObjectNode json = validJson();
        json.put("colour", "grey");

        // when
        JsonReading<NoisyImage> reading =
                RecordSerdes.noisyImage().deserializer().read(Json.bytes(json));

        // then
        assertThat(reading.record()).isEqualTo(aNoisyImage().build());
        assertThat(reading.ignoredFields()).containsExactly("colour");
    }

    @Test
    void shouldIgnoreUnknownFieldsWhateverTheyHoldEvenNullAndAnEmptyName() {
        ObjectNode json = validJson();
        json.putNull("");
        json.putArray("layers").add(1);
        json.putObject("camera").putNull("lens");

        JsonReading<NoisyImage> reading =
                RecordSerdes.noisyImage().deserializer().read(Json.bytes(json));

        assertThat(reading.record()).isEqualTo(aNoisyImage().build());
        assertThat(reading.ignoredFields()).containsExactly("", "layers", "camera");
    }

    @Test
    void shouldReportNoIgnoredFieldsForARecordWithoutUnknownOnes() {
        JsonReading<NoisyImage> reading =
                RecordSerdes.noisyImage().deserializer().read(Json.bytes(validJson()));

        assertThat(reading.hasIgnoredFields()).isFalse();
    }

    @Test
    void shouldRejectAnUnknownFieldNamingItWhenStrict() {
        ObjectNode json = validJson();
        json.put("colour", "grey");
        Serde<NoisyImage> strict = RecordSerdes.noisyImage(UnknownFields.REJECT);

        assertRejected(
                () -> strict.deserializer().deserialize(TOPIC, Json.bytes(json)),
                ReasonCode.SCHEMA_VIOLATION,
                "colour");
    }

    @Test
    void shouldShowAnEmptyFieldNameQuotedWhenStrict() {
        Serde<NoisyImage> strict = RecordSerdes.noisyImage(UnknownFields.REJECT);

        assertThatThrownBy(() -> strict.deserializer().deserialize(TOPIC, utf8("{\"\":null}")))
                .isInstanceOf(InvalidRecordException.class)
                .hasMessageContaining("\"\" is null");
    }

    @Test
    void shouldStillRequireTheKnownFieldsOfARecordWithAnEmptyFieldName() {
        assertRejected(() -> read("{\"\":null}"), ReasonCode.SCHEMA_VIOLATION, "id");
    }

    @Test
    void shouldNameANestedFieldByItsDottedPath() {
        ObjectNode json = validJson();
        json.putObject("attributes").put("camera", 7);

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, "attributes.camera");
    }

    @Test
    void shouldPassOnTheRecordConstructorsVerdict() {
        ObjectNode json = validJson();
        json.put("width", 0);

        assertRejected(() -> read(Json.bytes(json)), ReasonCode.SCHEMA_VIOLATION, "width");
    }

    @Test
    void shouldNameTheRecordTypeInItsMessages() {
        assertThatThrownBy(() -> read("{")).hasMessageContaining(NoisyImage.class.getSimpleName());
        assertThatThrownBy(() -> RecordSerdes.reconstruction().deserializer().deserialize(TOPIC, utf8("{}")))
                .hasMessageContaining(Reconstruction.class.getSimpleName());
    }

    @Test
    void shouldAcceptAnIntegerWhereANumberIsExpected() {
        ObjectNode json = Json.object(RecordSerdes.reconstruction()
                .serializer()
                .serialize(TOPIC, aReconstruction().build()));
        json.put("psnr", 40);

        Reconstruction read = RecordSerdes.reconstruction().deserializer().deserialize(TOPIC, Json.bytes(json));

        assertThat(read.psnr()).isEqualTo(40.0);
    }
}
