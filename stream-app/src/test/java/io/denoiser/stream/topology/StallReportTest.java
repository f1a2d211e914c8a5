package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.BATCH_SIZE;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.health.ModelHealth;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.health.StallWatch;
import io.denoiser.stream.health.StallWatch.Change;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stall (images wait and no batch completes for {@code stall.timeout.ms}) is reported once, and so is its end.
 * The watch runs on a clock of the test's, which the fake model moves inside a call as a hung call would take the
 * time; the checks are those the watch's own thread makes.
 */
class StallReportTest {

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path stateDir;

    private final AtomicLong clock = new AtomicLong(1_767_229_200_000L);
    private final StallWatch stalls = new StallWatch(STALL_TIMEOUT, clock::get);
    private final ServingHealth health = new ServingHealth(new ModelHealth(), stalls);

    @Test
    void shouldReportAStallOnceWhileAModelCallHangsAndOnceWhenItEnds() {
        // given a model call that takes 90 s, checked after 61 s and 90 s
        List<Change> duringTheCall = new ArrayList<>();
        FakeDenoiser denoiser = FakeDenoiser.runningDuringEachCall(() -> {
            clock.addAndGet(61_000);
            duringTheCall.add(stalls.check());
            clock.addAndGet(29_000);
            duringTheCall.add(stalls.check());
        });
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser, health)) {
            // when a full batch arrives
            driver.sendAll(images(BATCH_SIZE));

            // then the stall was reported once during the call, and its end once after it
            assertThat(duringTheCall).containsExactly(Change.STALLED, Change.NONE);
            assertThat(stalls.check()).isEqualTo(Change.RECOVERED);
            assertThat(stalls.stalled()).isFalse();
            assertThat(stalls.lastCompletedBatchAt()).hasValue(clock.get());
            assertThat(driver.reconstructions()).hasSize(BATCH_SIZE);
        }
    }

    @Test
    void shouldReportImagesThatWaitWhileNoBatchIsFlushed() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.inverting(), health)) {
            // given a partial batch, and a stream thread that does not get to flush it
            driver.sendAll(images(BATCH_SIZE - 1));

            // when
            clock.addAndGet(STALL_TIMEOUT.toMillis() - 1);
            Change justBefore = stalls.check();
            clock.addAndGet(1);
            Change atTheTimeout = stalls.check();

            // then
            assertThat(justBefore).isEqualTo(Change.NONE);
            assertThat(atTheTimeout).isEqualTo(Change.STALLED);
            assertThat(stalls.stalled()).isTrue();

            // and once the flush comes, it ends
            driver.advanceWallClock(BATCH_DELAY);
            assertThat(stalls.check()).isEqualTo(Change.RECOVERED);
        }
    }

    @Test
    void shouldNotReportAStallWhenNothingWaits() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.inverting(), health)) {
            // given everything denoised
            driver.sendAll(images(BATCH_SIZE));
            assertThat(driver.buffered()).isZero();

            // when an idle hour passes
            clock.addAndGet(Duration.ofHours(1).toMillis());

            // then
            assertThat(stalls.check()).isEqualTo(Change.NONE);
            assertThat(stalls.stalled()).isFalse();
        }
    }

    @Test
    void shouldNotReportAStallWhileBatchesKeepCompleting() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.inverting(), health)) {
            // given an image that waits, in a stream whose batches complete every 40 s and always leave one waiting
            driver.send(noisyImage("img-first", gradient(28, 28)));
            List<Change> checks = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                // when
                clock.addAndGet(40_000);
                driver.sendAll(images(BATCH_SIZE));
                checks.add(stalls.check());
            }

            // then
            assertThat(checks).containsOnly(Change.NONE);
            assertThat(driver.buffered()).isOne();
        }
    }

    private static List<NoisyImage> images(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> noisyImage("img-" + i, gradient(28, 28)))
                .toList();
    }
}
