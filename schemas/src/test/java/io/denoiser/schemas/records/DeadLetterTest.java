package io.denoiser.schemas.records;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.NEW_YEAR_2026;
import static io.denoiser.schemas.fixtures.TestData.rawRecord;
import static io.denoiser.schemas.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeadLetterTest {

    @Test
    void shouldKeepTheOriginalBytesAndWhereTheyCameFrom() {
        ConsumerRecord<byte[], byte[]> source = rawRecord("img-0042", "{\"id\": \"img-0042\"");

        DeadLetter letter = DeadLetter.of(source, ReasonCode.MALFORMED_JSON, null, "not JSON", NEW_YEAR_2026);

        assertThat(letter.originalKeyBytes()).isEqualTo(source.key());
        assertThat(letter.originalValueBytes()).isEqualTo(source.value());
        assertThat(letter.sourceTopic()).isEqualTo(source.topic());
        assertThat(letter.sourcePartition()).isEqualTo(source.partition());
        assertThat(letter.sourceOffset()).isEqualTo(source.offset());
        assertThat(letter.failedAt()).isEqualTo(NEW_YEAR_2026);
    }

    @Test
    void shouldLeaveOutTheKeyOfARecordThatHadNone() {
        DeadLetter letter = DeadLetter.of(
                rawRecord(null, "{}"), ReasonCode.SCHEMA_VIOLATION, "id", "id is required", NEW_YEAR_2026);

        assertThat(letter.originalKey()).isNull();
        assertThat(letter.originalKeyBytes()).isNull();
        assertThat(letter.originalValueBytes()).isEqualTo(utf8("{}"));
    }

    @Test
    void shouldTakeReasonFieldAndMessageFromTheRejection() {
        InvalidRecordException rejection = new InvalidRecordException(
                ReasonCode.SIZE_MISMATCH,
                "data",
                "data holds 15 bytes, but a 4x4 raw-u8 image with 1 channel needs 16");

        DeadLetter letter = DeadLetter.of(rawRecord("img-1", "{}"), rejection, NEW_YEAR_2026);

        assertThat(letter.reason()).isEqualTo(rejection.reason());
        assertThat(letter.field()).isEqualTo("data");
        assertThat(letter.message()).isEqualTo(rejection.getMessage());
    }

    @Test
    void shouldLeaveOutTheFieldWhenTheWholeRecordFailed() {
        InvalidRecordException rejection = new InvalidRecordException(ReasonCode.MALFORMED_JSON, null, "empty");

        DeadLetter letter = DeadLetter.of(rawRecord("img-1", ""), rejection, NEW_YEAR_2026);

        assertThat(letter.field()).isNull();
    }

    @Test
    void shouldRejectNegativeOffset() {
        assertRejected(
                () -> new DeadLetter(
                        null,
                        null,
                        null,
                        null,
                        "images.noisy",
                        0,
                        -1,
                        ReasonCode.TOO_LARGE,
                        null,
                        "too big",
                        NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "sourceOffset");
    }

    @Test
    void shouldRejectNegativePartition() {
        assertRejected(
                () -> new DeadLetter(
                        null,
                        null,
                        null,
                        null,
                        "images.noisy",
                        -1,
                        0,
                        ReasonCode.TOO_LARGE,
                        null,
                        "too big",
                        NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "sourcePartition");
    }

    @Test
    void shouldRejectMissingReason() {
        assertRejected(
                () -> new DeadLetter(
                        null, null, null, null, "images.noisy", 0, 0, null, null, "too big", NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "reason");
    }

    @Test
    void shouldRejectEmptyMessage() {
        assertRejected(
                () -> new DeadLetter(
                        null, null, null, null, "images.noisy", 0, 0, ReasonCode.TOO_LARGE, null, "", NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "message");
    }

    static Stream<Arguments> hostileFieldsAndMessages() {
        return Stream.of(
                Arguments.of("an empty field name", "", "\"\" is null"),
                Arguments.of(
                        "a 100,000-character field name", "f".repeat(100_000), "f".repeat(100_000) + " is unknown"),
                Arguments.of("half a surrogate pair", "id\ud800", "id\ud800 must be a string, got \"\udc00\""),
                Arguments.of("an empty message", "width", ""),
                Arguments.of("a message of a megabyte", "data", "x".repeat(1 << 20)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFieldsAndMessages")
    void shouldBuildAWritableDeadLetterWhateverTheRejectionNames(String what, String field, String message) {
        // given a rejection built from what a hostile record put into it
        InvalidRecordException rejection = new InvalidRecordException(ReasonCode.SCHEMA_VIOLATION, field, message);

        // when
        DeadLetter letter = DeadLetter.of(rawRecord("img-1", "{}"), rejection, NEW_YEAR_2026);

        // then it is valid, bounded, and reads back as written
        byte[] written = RecordSerdes.deadLetter().serializer().serialize("images.dlq", letter);
        assertThat(RecordSerdes.deadLetter().deserializer().deserialize("images.dlq", written))
                .isEqualTo(letter);
        assertThat(letter.message()).isNotEmpty().hasSizeLessThanOrEqualTo(1003);
        assertThat(letter.field())
                .satisfiesAnyOf(
                        f -> assertThat(f).isNull(),
                        f -> assertThat(f).isNotEmpty().hasSizeLessThanOrEqualTo(259));
        assertThat(letter.message() + letter.field()).doesNotContain("\ud800", "\udc00");
    }

    @Test
    void shouldLeaveOutAnEmptyFieldName() {
        InvalidRecordException rejection = InvalidRecordException.schemaViolation("", "\"\" is null");

        DeadLetter letter = DeadLetter.of(rawRecord("img-1", "{\"\":null}"), rejection, NEW_YEAR_2026);

        assertThat(letter.field()).isNull();
        assertThat(letter.message()).isEqualTo("\"\" is null");
    }

    @Test
    void shouldSummariseAnOmittedValueBySizeDigestAndPrefix() throws Exception {
        // given
        byte[] value = new byte[5_000];
        new SplittableRandom(7).nextBytes(value);
        DeadLetter letter = DeadLetter.of(
                new ConsumerRecord<>("images.noisy", 1, 99L, utf8("img-7"), value),
                ReasonCode.TOO_LARGE,
                "data",
                "data is too large",
                NEW_YEAR_2026);

        // when
        DeadLetter omitted = letter.withOriginalValueOmitted(1024);

        // then
        assertThat(omitted.originalValue()).isNull();
        assertThat(omitted.originalValueOmitted().size()).isEqualTo(5_000);
        assertThat(omitted.originalValueOmitted().sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
        assertThat(omitted.originalValueOmitted().prefixBytes()).isEqualTo(Arrays.copyOf(value, 1024));
        assertThat(omitted.originalKeyBytes()).isEqualTo(utf8("img-7"));
        assertThat(omitted.withOriginalValueOmitted(0).originalValueOmitted().prefix())
                .isNull();
    }

    @Test
    void shouldRejectAValueCarriedBothWholeAndOmitted() {
        OmittedBytes summary = OmittedBytes.of(utf8("{}"), 2);

        assertRejected(
                () -> new DeadLetter(
                        null, null, "e30=", summary, "images.noisy", 0, 0, ReasonCode.TOO_LARGE, null, "x", 0),
                ReasonCode.SCHEMA_VIOLATION,
                "originalValueOmitted");
    }

    @Test
    void shouldRejectADigestThatIsNotSha256Hex() {
        assertRejected(() -> new OmittedBytes(3, "ABC", null), ReasonCode.SCHEMA_VIOLATION, "sha256");
    }
}
