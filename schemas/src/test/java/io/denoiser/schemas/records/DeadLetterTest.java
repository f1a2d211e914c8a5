package io.denoiser.schemas.records;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.NEW_YEAR_2026;
import static io.denoiser.schemas.fixtures.TestData.rawRecord;
import static io.denoiser.schemas.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

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
                        null, null, "images.noisy", 0, -1, ReasonCode.TOO_LARGE, null, "too big", NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "sourceOffset");
    }

    @Test
    void shouldRejectNegativePartition() {
        assertRejected(
                () -> new DeadLetter(
                        null, null, "images.noisy", -1, 0, ReasonCode.TOO_LARGE, null, "too big", NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "sourcePartition");
    }

    @Test
    void shouldRejectMissingReason() {
        assertRejected(
                () -> new DeadLetter(null, null, "images.noisy", 0, 0, null, null, "too big", NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "reason");
    }

    @Test
    void shouldRejectEmptyMessage() {
        assertRejected(
                () -> new DeadLetter(null, null, "images.noisy", 0, 0, ReasonCode.TOO_LARGE, null, "", NEW_YEAR_2026),
                ReasonCode.SCHEMA_VIOLATION,
                "message");
    }
}
