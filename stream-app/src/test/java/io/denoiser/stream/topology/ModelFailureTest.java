package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static io.denoiser.stream.fixtures.TestData.poisoned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.batching.PendingImage;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.fixtures.ChangelogReplay;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.inference.ModelBrokenException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that fails: on some images (they become dead letters, the others are published), on every call (the
 * app stops and keeps the images for the next start), with NaN (a failure like any other), out of memory (smaller
 * calls), or by ending the process (the next starts narrow it down to the image, which becomes a dead letter).
 */
class ModelFailureTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldStopInsteadOfDeadLetteringWhenTheModelFailsEveryCall() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.failingEveryCall())) {
            // when a full batch arrives
            Throwable stop = catchThrowable(() -> driver.sendAll(images("img-a", "img-b", "img-c", "img-d")));

            // then the app stops, saying why, with the images still in the buffer and nothing published
            assertThat(stop).hasRootCauseInstanceOf(IllegalStateException.class);
            assertThat(causeOf(stop, ModelBrokenException.class))
                    .hasMessageStartingWith("the model is broken: a call failed (fake runtime cannot run any model)");
            assertThat(driver.deadLetters()).isEmpty();
            assertThat(driver.reconstructions()).isEmpty();
            assertThat(driver.buffered()).isEqualTo(4);
            assertThat(driver.health().model().brokenReason()).isPresent();
        }
    }

    @Test
    void shouldDeadLetterTheImageTheModelReturnsNotANumberForAndPublishTheOthers() {
        FakeDenoiser denoiser = FakeDenoiser.notANumberOnPoison();
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser)) {
            // given
            driver.send(noisyImage("img-a", gradient(28, 28)));
            driver.send(noisyImage("img-nan", poisoned(28, 28)));
            driver.send(noisyImage("img-c", gradient(28, 28)));

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-a", "img-c");
            assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo("img-nan");
                assertThat(letter.value().reason()).isEqualTo(ReasonCode.INFERENCE_FAILED);
                assertThat(letter.value().message()).contains("NaN");
            });
            assertThat(driver.health().model().broken()).isFalse();
        }
    }

    @Test
    void shouldStopWhenTheModelReturnsNotANumberForEveryImage() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.notANumberEverywhere())) {
            driver.send(noisyImage("img-a", gradient(28, 28)));

            assertThatThrownBy(() -> driver.advanceWallClock(BATCH_DELAY))
                    .hasRootCauseMessage("the model returned a pixel that is NaN in image 1 of 1");
            assertThat(driver.reconstructions()).isEmpty();
            assertThat(driver.deadLetters()).isEmpty();
            assertThat(driver.buffered()).isOne();
        }
    }

    @Test
    void shouldDenoiseAroundAnImageTheModelRunsOutOfMemoryOnAlone() {
        // given a runtime with memory for two MNIST digits per call, and a 40x40 image among three digits
        FakeDenoiser denoiser = FakeDenoiser.outOfMemoryAbove(2 * 28 * 28);
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser)) {
            // when
            driver.send(noisyImage("img-a", gradient(28, 28)));
            driver.send(noisyImage("img-large", gradient(40, 40)));
            driver.send(noisyImage("img-c", gradient(28, 28)));
            driver.send(noisyImage("img-d", gradient(28, 28)));

            // then
            assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-a", "img-c", "img-d");
            assertThat(driver.deadLetters()).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo("img-large");
                assertThat(letter.value().message()).contains("out of memory");
            });
            assertThat(driver.buffered()).isZero();
        }
    }

    /**
     * An image that ends the process whenever the model sees it (a native crash, a kill for memory). Each start
     * restores the same buffer and reads the uncommitted input again; the record of the call in flight narrows
     * the calls down: the whole batch, then its images one by one, then the culprit alone once more, then never.
     */
    @Test
    void shouldDeadLetterAnImageThatStopsTheAppInsteadOfStoppingAtEveryStart() {
        StreamAppConfig config = config(stateDir);
        List<NoisyImage> images = List.of(
                noisyImage("img-0", gradient(28, 28)),
                noisyImage("img-1", gradient(28, 28)),
                noisyImage("img-killer", poisoned(28, 28)),
                noisyImage("img-3", gradient(28, 28)));
        List<TestRecord<String, PendingImage>> changelog = new ArrayList<>();

        // when the app runs until it stops, three times
        List<List<Integer>> callsPerRun = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            ChangelogReplay.restoreBatchBuffer(stateDir, config.applicationId(), changelog);
            FakeDenoiser denoiser = FakeDenoiser.crashingOnPoison();
            try (DenoiserDriver driver = DenoiserDriver.start(config, denoiser)) {
                assertThatThrownBy(() -> driver.sendAll(images)).isInstanceOf(FakeDenoiser.RuntimeCrash.class);
                assertThat(driver.reconstructions()).isEmpty();
                changelog.addAll(driver.bufferChangelog());
            }
            callsPerRun.add(denoiser.callSizes());
        }

        // then the calls narrowed down to the culprit
        assertThat(callsPerRun).containsExactly(List.of(4), List.of(1, 1, 1), List.of(1));

        // and the fourth start publishes the others and dead-letters the culprit without calling it
        ChangelogReplay.restoreBatchBuffer(stateDir, config.applicationId(), changelog);
        FakeDenoiser denoiser = FakeDenoiser.crashingOnPoison();
        try (DenoiserDriver driver = DenoiserDriver.start(config, denoiser)) {
            driver.sendAll(images);

            assertThat(denoiser.callSizes()).containsExactly(3);
            assertThat(driver.reconstructions()).extracting(TestRecord::key).containsExactly("img-0", "img-1", "img-3");
            List<TestRecord<String, DeadLetter>> deadLetters = driver.deadLetters();
            assertThat(deadLetters).singleElement().satisfies(letter -> {
                assertThat(letter.key()).isEqualTo("img-killer");
                assertThat(letter.value().reason()).isEqualTo(ReasonCode.INFERENCE_FAILED);
                assertThat(letter.value().message())
                        .contains("the app stopped 2 times while the model denoised it alone");
            });
            assertThat(driver.buffered()).isZero();
        }
    }

    private static List<NoisyImage> images(String... ids) {
        return java.util.Arrays.stream(ids)
                .map(id -> noisyImage(id, gradient(28, 28)))
                .toList();
    }

    private static Throwable causeOf(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return cause;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + thrown);
    }
}
