package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.BATCH_SIZE;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.inference.ModelCallThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher with its model calls on model-call threads, as the app runs it: the stream thread hands batches over
 * and goes on, and still every image comes out once, in order, and stays buffered until its outcome is published.
 */
class ModelCallsOffTheStreamThreadTest {

    @TempDir
    Path stateDir;

    private final ModelCallThreads modelCalls = ModelCallThreads.start(2);

    @AfterEach
    void stopThreads() {
        modelCalls.close();
    }

    @Test
    void shouldPublishEveryImageOnceAndInOrderWhileCallsRunElsewhere() {
        FakeDenoiser slow = FakeDenoiser.runningDuringEachCall(() -> sleep(Duration.ofMillis(5)));
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), slow, modelCalls)) {
            // given more full batches than are handed over at once, and a partial one
            List<NoisyImage> images = images(6 * BATCH_SIZE + 1);

            // when
            driver.sendAll(images);
            List<TestRecord<String, Reconstruction>> published = checkUntilPublished(driver, images.size());

            // then
            assertThat(published)
                    .extracting(TestRecord::key)
                    .containsExactlyElementsOf(
                            images.stream().map(NoisyImage::id).toList());
            assertThat(slow.callSizes())
                    .containsExactly(BATCH_SIZE, BATCH_SIZE, BATCH_SIZE, BATCH_SIZE, BATCH_SIZE, BATCH_SIZE, 1);
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldKeepABatchBufferedUntilItsCallHasEndedAndItsOutcomesArePublished() throws InterruptedException {
        CountDownLatch callStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeDenoiser held = FakeDenoiser.runningDuringEachCall(() -> {
            callStarted.countDown();
            await(release);
        });
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), held, modelCalls)) {
            // given a full batch whose call does not end
            driver.sendAll(images(BATCH_SIZE));
            assertThat(callStarted.await(10, TimeUnit.SECONDS)).isTrue();

            // then the stream thread went on, nothing is out, and every image is still in the store
            assertThat(driver.reconstructions()).isEmpty();
            assertThat(driver.buffered()).isEqualTo(BATCH_SIZE);

            // when the delay is up while the call still runs
            driver.advanceWallClock(BATCH_DELAY);

            // then the wall-clock check does not wait for it: still nothing out, everything in the store
            assertThat(driver.reconstructions()).isEmpty();
            assertThat(driver.buffered()).isEqualTo(BATCH_SIZE);

            // when the call ends, the next checks publish its outcomes
            release.countDown();

            // then
            assertThat(checkUntilPublished(driver, BATCH_SIZE)).hasSize(BATCH_SIZE);
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldSendABatchOfTheLargestSizeOnceThatManyGatheredWhileTheModelWasBusy() throws InterruptedException {
        CountDownLatch callStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FakeDenoiser held = FakeDenoiser.runningDuringEachCall(() -> {
            callStarted.countDown();
            await(release);
        });
        int largest = 3 * BATCH_SIZE;
        StreamAppConfig adaptive = config(
                stateDir,
                StreamAppConfigDef.MAX_BATCH_SIZE_CONFIG,
                String.valueOf(largest),
                StreamAppConfigDef.PREFERRED_BATCH_SIZE_CONFIG,
                String.valueOf(BATCH_SIZE));
        try (DenoiserDriver driver = DenoiserDriver.start(adaptive, held, modelCalls)) {
            // given a batch of the preferred size in the model and a second one handed over behind it
            List<NoisyImage> images = images(2 * BATCH_SIZE + largest);
            driver.sendAll(images.subList(0, 2 * BATCH_SIZE));
            assertThat(callStarted.await(10, TimeUnit.SECONDS)).isTrue();

            // when all but one of a batch of the largest size gather while the model is busy, it is freed, and the
            // last one arrives
            driver.sendAll(images.subList(2 * BATCH_SIZE, images.size() - 1));
            release.countDown();
            driver.send(images.get(images.size() - 1));
            List<TestRecord<String, Reconstruction>> published = checkUntilPublished(driver, images.size());

            // then those went in one call, and everything came out once, in order
            assertThat(held.callSizes()).containsExactly(BATCH_SIZE, BATCH_SIZE, largest);
            assertThat(published)
                    .extracting(TestRecord::key)
                    .containsExactlyElementsOf(
                            images.stream().map(NoisyImage::id).toList());
            assertThat(driver.buffered()).isZero();
        }
    }

    /**
     * Runs the wall-clock checks, as the stream thread does while no record comes, until {@code count} outcomes are
     * out (the calls end on other threads) or 10 s have passed; returns them in the order they came out.
     */
    private static List<TestRecord<String, Reconstruction>> checkUntilPublished(DenoiserDriver driver, int count) {
        List<TestRecord<String, Reconstruction>> published = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (published.size() < count && System.nanoTime() < deadline) {
            driver.advanceWallClock(BATCH_DELAY);
            published.addAll(driver.reconstructions());
            sleep(Duration.ofMillis(1));
        }
        return published;
    }

    private static List<NoisyImage> images(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> noisyImage("img-" + i, gradient(28, 28)))
                .toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
