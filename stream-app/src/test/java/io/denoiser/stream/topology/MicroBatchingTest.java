package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.BATCH_SIZE;
import static io.denoiser.stream.fixtures.TestData.MODEL_VERSION;
import static io.denoiser.stream.fixtures.TestData.WALL_CLOCK_START;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.inverted;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static io.denoiser.stream.fixtures.TestData.pixelsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the micro-batcher flushes: by size, by wall-clock delay, under both processing guarantees. */
class MicroBatchingTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldFlushWhenBatchIsFull() {
        FakeDenoiser denoiser = FakeDenoiser.inverting();
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser)) {
            // given
            List<NoisyImage> images = images(BATCH_SIZE);

            // when
            driver.sendAll(images);

            // then
            List<TestRecord<String, Reconstruction>> published = driver.reconstructions();
            assertThat(published).extracting(TestRecord::key).containsExactly("img-0", "img-1", "img-2", "img-3");
            assertThat(published).extracting(TestRecord::value).allSatisfy(reconstruction -> {
                assertThat(reconstruction.batchSize()).isEqualTo(BATCH_SIZE);
                assertThat(reconstruction.modelVersion()).isEqualTo(MODEL_VERSION);
                assertThat(reconstruction.processedAt()).isEqualTo(WALL_CLOCK_START.toEpochMilli());
                assertThat(pixelsOf(reconstruction.data()))
                        .isEqualTo(inverted(gradient(28, 28)).pixels());
            });
            assertThat(denoiser.callSizes()).containsExactly(BATCH_SIZE);
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldNotFlushBeforeDelayWithoutEnoughImages() {
        FakeDenoiser denoiser = FakeDenoiser.inverting();
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser)) {
            // given
            driver.sendAll(images(BATCH_SIZE - 1));

            // when
            driver.advanceWallClock(BATCH_DELAY.minusMillis(1));

            // then
            assertThat(driver.reconstructions()).isEmpty();
            assertThat(denoiser.callSizes()).isEmpty();
            assertThat(driver.buffered()).isEqualTo(BATCH_SIZE - 1);
        }
    }

    @Test
    void shouldFlushPartialBatchWhenWallClockAdvances() {
        FakeDenoiser denoiser = FakeDenoiser.inverting();
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser)) {
            // given
            driver.sendAll(images(BATCH_SIZE - 1));

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            assertThat(driver.reconstructions())
                    .extracting(TestRecord::value)
                    .hasSize(BATCH_SIZE - 1)
                    .allSatisfy(reconstruction -> {
                        assertThat(reconstruction.batchSize()).isEqualTo(BATCH_SIZE - 1);
                        assertThat(reconstruction.processedAt())
                                .isEqualTo(WALL_CLOCK_START.plus(BATCH_DELAY).toEpochMilli());
                    });
            assertThat(denoiser.callSizes()).containsExactly(BATCH_SIZE - 1);
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldWorkUnderExactlyOnceV2() {
        var config = config(stateDir, StreamAppConfigDef.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        try (DenoiserDriver driver = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            // given
            driver.sendAll(images(BATCH_SIZE + 1));

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            assertThat(driver.reconstructions())
                    .extracting(record -> record.value().batchSize())
                    .containsExactly(BATCH_SIZE, BATCH_SIZE, BATCH_SIZE, BATCH_SIZE, 1);
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldSplitABatchIntoModelCallsOfAtMostMaxBatchPixels() {
        // given calls of at most two MNIST-sized images
        var config = config(stateDir, StreamAppConfigDef.MAX_BATCH_PIXELS_CONFIG, String.valueOf(2 * 28 * 28));
        FakeDenoiser denoiser = FakeDenoiser.inverting();
        try (DenoiserDriver driver = DenoiserDriver.start(config, denoiser)) {
            // when a full batch arrives whose third image is larger than the bound by itself
            driver.send(noisyImage("img-0", gradient(28, 28)));
            driver.send(noisyImage("img-1", gradient(28, 28)));
            driver.send(noisyImage("img-large", gradient(40, 40)));
            driver.send(noisyImage("img-3", gradient(28, 28)));

            // then it takes three calls, the large image alone, and every image comes out
            assertThat(denoiser.callSizes()).containsExactly(2, 1, 1);
            assertThat(driver.reconstructions())
                    .extracting(record -> record.key() + ":" + record.value().batchSize())
                    .containsExactly("img-0:2", "img-1:2", "img-large:1", "img-3:1");
            assertThat(driver.buffered()).isZero();
        }
    }

    private static List<NoisyImage> images(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> noisyImage("img-" + i, gradient(28, 28)))
                .toList();
    }
}
