package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.WALL_CLOCK_START;
import static io.denoiser.stream.fixtures.TestData.badEncoding;
import static io.denoiser.stream.fixtures.TestData.colour;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.json;
import static io.denoiser.stream.fixtures.TestData.malformedJson;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static io.denoiser.stream.fixtures.TestData.schemaViolation;
import static io.denoiser.stream.fixtures.TestData.sizeMismatch;
import static io.denoiser.stream.fixtures.TestData.tooWide;
import static io.denoiser.stream.fixtures.TestData.undecodableBytes;
import static io.denoiser.stream.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.Json;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each reason code an input can cause ends on the dead-letter topic with the original key and bytes and the
 * source coordinates, and the images after it are still denoised. Every test sends the bad record first,
 * so it has offset 0.
 */
class DeadLetterRoutingTest {

    private static final int MAX_WIDTH = 64;
    private static final String KEY = "img-bad";

    @TempDir
    Path stateDir;

    private DenoiserDriver driver;

    @BeforeEach
    void startDriver() {
        driver = DenoiserDriver.start(
                config(stateDir, StreamAppConfigDef.MAX_IMAGE_WIDTH_CONFIG, String.valueOf(MAX_WIDTH)),
                FakeDenoiser.inverting());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldRouteUndecodableImageToDeadLetterTopic() {
        // given a value that is not even text, then a valid image
        byte[] value = undecodableBytes();

        // when
        driver.send(KEY, value);
        driver.send(noisyImage("img-ok", gradient(28, 28)));
        driver.advanceWallClock(BATCH_DELAY);

        // then
        assertSingleDeadLetter(value, ReasonCode.MALFORMED_JSON, null);
        assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-ok");
        assertThat(driver.buffered()).isZero();
    }

    @Test
    void shouldRouteMalformedJsonToDeadLetterTopic() {
        assertRouted(malformedJson(), ReasonCode.MALFORMED_JSON, null);
    }

    @Test
    void shouldRouteTombstoneAsMalformedJson() {
        assertRouted(null, ReasonCode.MALFORMED_JSON, null);
    }

    @Test
    void shouldRouteSchemaViolationToDeadLetterTopic() {
        assertRouted(schemaViolation(), ReasonCode.SCHEMA_VIOLATION, "width");
    }

    @Test
    void shouldRouteBadEncodingToDeadLetterTopic() {
        assertRouted(json(badEncoding()), ReasonCode.BAD_ENCODING, "data");
    }

    @Test
    void shouldRouteSizeMismatchToDeadLetterTopic() {
        assertRouted(json(sizeMismatch()), ReasonCode.SIZE_MISMATCH, "data");
    }

    @Test
    void shouldRouteTooLargeImageToDeadLetterTopic() {
        assertRouted(json(tooWide(MAX_WIDTH)), ReasonCode.TOO_LARGE, "width");
    }

    @Test
    void shouldRouteUnsupportedShapeToDeadLetterTopic() {
        assertRouted(json(colour()), ReasonCode.UNSUPPORTED_SHAPE, "channels");
    }

    @Test
    void shouldDeadLetterARecordWithAnEmptyFieldNameInsteadOfStopping() {
        // given the ten bytes that stopped the app: legal JSON whose only field has an empty name
        byte[] value = utf8("{\"\":null}");

        // when
        driver.send(KEY, value);
        driver.send(noisyImage("img-ok", gradient(28, 28)));
        driver.advanceWallClock(BATCH_DELAY);

        // then
        assertThat(driver.deadLetters()).singleElement().satisfies(record -> {
            assertThat(record.value().reason()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
            assertThat(record.value().originalValueBytes()).isEqualTo(value);
        });
        assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-ok");
    }

    @Test
    void shouldDenoiseAValidImageWithAnExtraFieldNamedWithTheEmptyString() {
        // given a valid image from a producer that adds "":1
        ObjectNode json = Json.object(json(noisyImage("img-extra", gradient(28, 28))));
        json.put("", 1);

        // when
        driver.send("img-extra", Json.bytes(json));
        driver.advanceWallClock(BATCH_DELAY);

        // then
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-extra");
    }

    @Test
    void shouldCarryTheValueOfA900KilobyteRecordAsItsSummarySoThatTheDeadLetterFitsInKafka() throws Exception {
        // given the record: about 900 KB of base64, which the broker accepts and the app refuses
        byte[] value = json(NoisyImage.of(
                KEY, 800, 800, ImageEncoding.RAW_U8, Base64.getEncoder().encodeToString(new byte[675_000])));
        assertThat(value.length).isGreaterThan(900_000);

        // when
        driver.send(KEY, value);

        // then the dead letter fits the producer's default max.request.size, and says what it left out
        TestRecord<byte[], byte[]> written = driver.deadLetterRecords().get(0);
        assertThat(written.key().length + written.value().length).isLessThan(1_048_576 - 1_024);
        DeadLetter letter = RecordSerdes.deadLetter().deserializer().deserialize("images.dlq", written.value());
        assertThat(letter.reason()).isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(letter.originalValue()).isNull();
        assertThat(letter.originalValueOmitted().size()).isEqualTo(value.length);
        assertThat(letter.originalValueOmitted().sha256())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(value)));
        assertThat(letter.originalValueOmitted().prefixBytes()).isEqualTo(Arrays.copyOf(value, 1024));
        assertThat(letter.sourceOffset()).isZero();
    }

    @Test
    void shouldDeadLetterAnImageWhoseBatchBufferEntryWouldNotFitInKafka() {
        // given a valid image within every image limit, whose attributes bring the record within bytes of 1 MiB
        driver.close();
        driver = DenoiserDriver.start(
                config(stateDir, StreamAppConfigDef.MAX_ENCODED_BYTES_CONFIG, "4194304"), FakeDenoiser.inverting());
        NoisyImage image = new NoisyImage(
                KEY,
                28,
                28,
                1,
                ImageEncoding.RAW_U8,
                Base64.getEncoder().encodeToString(gradient(28, 28).pixels()),
                null,
                null,
                Map.of("padding", "p".repeat(1_048_000)));

        // when
        driver.send(KEY, json(image));
        driver.advanceWallClock(BATCH_DELAY);

        // then
        assertThat(driver.deadLetters()).singleElement().satisfies(record -> {
            assertThat(record.value().reason()).isEqualTo(ReasonCode.TOO_LARGE);
            assertThat(record.value().field()).isNull();
            assertThat(record.value().message()).contains("max.request.size");
        });
        assertThat(driver.bufferChangelog()).isEmpty();
        assertThat(driver.reconstructions()).isEmpty();
    }

    @Test
    void shouldDeadLetterAKeyLongerThanAnyIdUnderTheFirstKilobyteOfIt() {
        // given
        byte[] key = utf8("k".repeat(100_000));

        // when
        driver.sendRaw(key, json(noisyImage("img-1", gradient(28, 28))), new RecordHeaders());

        // then
        TestRecord<byte[], byte[]> written = driver.deadLetterRecords().get(0);
        assertThat(written.key()).isEqualTo(Arrays.copyOf(key, 1024));
        DeadLetter letter = RecordSerdes.deadLetter().deserializer().deserialize("images.dlq", written.value());
        assertThat(letter.reason()).isEqualTo(ReasonCode.TOO_LARGE);
        assertThat(letter.originalKeyBytes()).isEqualTo(key);
    }

    @Test
    void shouldLeaveTheInputsHeadersOffItsDeadLetter() {
        // given a malformed record with nearly a megabyte of headers
        RecordHeaders headers = new RecordHeaders();
        headers.add("padding", new byte[900_000]);

        // when
        driver.sendRaw(utf8(KEY), malformedJson(), headers);

        // then
        assertThat(driver.deadLetterRecords())
                .singleElement()
                .satisfies(record -> assertThat(record.headers().toArray()).isEmpty());
    }

    @Test
    void shouldDeadLetterAnUnknownFieldWhenToldToBeStrict() {
        // given
        driver.close();
        driver = DenoiserDriver.start(
                config(stateDir, StreamAppConfigDef.INPUT_UNKNOWN_FIELDS_CONFIG, "reject"), FakeDenoiser.inverting());
        ObjectNode json = Json.object(json(noisyImage(KEY, gradient(28, 28))));
        json.put("colour", "grey");

        // then
        assertRouted(Json.bytes(json), ReasonCode.SCHEMA_VIOLATION, "colour");
    }

    @Test
    void shouldDenoiseAnImageWithAnUnknownFieldByDefault() {
        // given a valid image from a newer producer
        ObjectNode json = Json.object(json(noisyImage(KEY, gradient(28, 28))));
        json.put("colour", "grey");

        // when
        driver.send(KEY, Json.bytes(json));
        driver.advanceWallClock(BATCH_DELAY);

        // then
        assertThat(driver.deadLetters()).isEmpty();
        assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly(KEY);
    }

    private void assertRouted(byte[] value, ReasonCode reason, String field) {
        // when
        driver.send(KEY, value);
        driver.send(noisyImage("img-ok", gradient(28, 28)));
        driver.advanceWallClock(BATCH_DELAY);

        // then
        assertSingleDeadLetter(value, reason, field);
        assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-ok");
    }

    private void assertSingleDeadLetter(byte[] value, ReasonCode reason, String field) {
        assertThat(driver.deadLetters()).singleElement().satisfies(record -> {
            DeadLetter letter = record.value();
            assertThat(record.key()).isEqualTo(KEY);
            assertThat(letter.reason()).isEqualTo(reason);
            assertThat(letter.field()).isEqualTo(field);
            assertThat(letter.sourceTopic()).isEqualTo("images.noisy");
            assertThat(letter.sourcePartition()).isZero();
            assertThat(letter.sourceOffset()).isZero();
            assertThat(letter.originalKeyBytes()).isEqualTo(utf8(KEY));
            assertThat(letter.originalValueBytes()).isEqualTo(value);
            assertThat(letter.failedAt()).isEqualTo(WALL_CLOCK_START.toEpochMilli());
        });
    }
}
