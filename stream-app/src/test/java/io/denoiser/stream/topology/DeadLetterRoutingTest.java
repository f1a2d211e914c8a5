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

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import java.nio.file.Path;
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
