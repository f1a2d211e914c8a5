package io.denoiser.schemas.serde;

import static io.denoiser.schemas.fixtures.TestData.NEW_YEAR_2026;
import static io.denoiser.schemas.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.schemas.fixtures.JsonSchemas;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.RecordSchema;
import io.denoiser.schemas.validation.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A dead letter always fits its budget, giving up as little of the original as it must. */
class BoundedDeadLetterSerializerTest {

    /** Kafka's default max.request.size, less room for the key and the record's envelope. */
    private static final int BUDGET = 1_048_576 - 2_048;

    private final BoundedDeadLetterSerializer serializer = new BoundedDeadLetterSerializer(BUDGET);

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    private static DeadLetter letterFor(byte[] key, byte[] value) {
        return DeadLetter.of(
                new ConsumerRecord<>("images.noisy", 2, 4_711L, key, value),
                ReasonCode.TOO_LARGE,
                "data",
                "data is 921600 bytes of base64, above the limit of 368640",
                NEW_YEAR_2026);
    }

    private static DeadLetter read(byte[] json) {
        return RecordSerdes.deadLetter().deserializer().deserialize("images.dlq", json);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void shouldWriteADeadLetterThatFitsUnchanged() {
        DeadLetter letter = letterFor(utf8("img-1"), randomBytes(10_000, 1));

        byte[] written = serializer.serialize("images.dlq", letter);

        assertThat(read(written)).isEqualTo(letter);
    }

    @Test
    void shouldCarryAValueTooLargeToFitAsItsSizeDigestAndPrefix() throws Exception {
        // given the record: about 900 KB, 1.2 MB as base64
        byte[] value = randomBytes(900_000, 2);
        DeadLetter letter = letterFor(utf8("img-big"), value);

        // when
        byte[] written = serializer.serialize("images.dlq", letter);

        // then
        assertThat(written.length).isLessThanOrEqualTo(BUDGET);
        DeadLetter read = read(written);
        assertThat(read.originalValue()).isNull();
        assertThat(read.originalValueOmitted().size()).isEqualTo(900_000);
        assertThat(read.originalValueOmitted().sha256()).isEqualTo(sha256(value));
        assertThat(read.originalValueOmitted().prefixBytes())
                .isEqualTo(Arrays.copyOf(value, BoundedDeadLetterSerializer.PREFIX_BYTES));
        assertThat(read.originalKeyBytes()).isEqualTo(utf8("img-big"));
        assertThat(read.withOriginalValueOmitted(0)).isEqualTo(letter.withOriginalValueOmitted(0));
        assertThat(JsonSchemas.violations(RecordSchema.DEAD_LETTER, new String(written, StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void shouldAlsoSummariseAKeyWhenTheValueAloneIsNotEnough() throws Exception {
        byte[] key = randomBytes(800_000, 3);

        byte[] written = serializer.serialize("images.dlq", letterFor(key, randomBytes(200_000, 4)));

        assertThat(written.length).isLessThanOrEqualTo(BUDGET);
        DeadLetter read = read(written);
        assertThat(read.originalKey()).isNull();
        assertThat(read.originalKeyOmitted().sha256()).isEqualTo(sha256(key));
        assertThat(read.originalValueOmitted().size()).isEqualTo(200_000);
    }

    @Test
    void shouldFitTheSmallestBudgetWhateverTheOriginals() {
        BoundedDeadLetterSerializer smallest =
                new BoundedDeadLetterSerializer(BoundedDeadLetterSerializer.MIN_MAX_BYTES);
        DeadLetter letter = DeadLetter.of(
                new ConsumerRecord<>("t".repeat(249), 2, 4_711L, randomBytes(900_000, 5), randomBytes(900_000, 6)),
                ReasonCode.SCHEMA_VIOLATION,
                "\u0001".repeat(10_000),
                "\u0002".repeat(100_000),
                NEW_YEAR_2026);

        byte[] written = smallest.serialize("images.dlq", letter);

        assertThat(written.length).isLessThanOrEqualTo(BoundedDeadLetterSerializer.MIN_MAX_BYTES);
        assertThat(read(written).sourceOffset()).isEqualTo(4_711L);
    }

    @Test
    void shouldCountTheRecordsHeadersAgainstTheBudget() {
        DeadLetter letter = letterFor(utf8("img-1"), randomBytes(600_000, 7)); // 800 KB of base64: fits alone
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", new byte[400_000]);

        byte[] written = serializer.serialize("images.dlq", headers, letter);

        assertThat(written.length).isLessThanOrEqualTo(BUDGET - 400_005);
        assertThat(read(written).originalValueOmitted()).isNotNull();
    }

    @Test
    void shouldRefuseABudgetTooSmallToAlwaysHoldADeadLetter() {
        assertThatThrownBy(() -> new BoundedDeadLetterSerializer(BoundedDeadLetterSerializer.MIN_MAX_BYTES - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldCutOnlyKeysLongerThanTheLimit() {
        DeadLetterKeySerializer keys = new DeadLetterKeySerializer();
        byte[] id = utf8("img-0001");
        byte[] huge = randomBytes(100_000, 8);

        assertThat(keys.serialize("images.dlq", id)).isEqualTo(id);
        assertThat(keys.serialize("images.dlq", null)).isNull();
        assertThat(keys.serialize("images.dlq", huge))
                .isEqualTo(Arrays.copyOf(huge, DeadLetterKeySerializer.MAX_KEY_BYTES));
    }
}
