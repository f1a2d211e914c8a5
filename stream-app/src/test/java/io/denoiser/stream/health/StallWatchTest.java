package io.denoiser.stream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.denoiser.stream.health.StallWatch.Change;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StallWatchTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StallWatch stalls = new StallWatch(Duration.ofSeconds(10), clock::get);

    @Test
    void shouldReportTheTaskThatWaitedLongestAndOnlyThat() {
        // given one task that flows and one that does not
        TaskProgress flowing = stalls.register("0_0");
        TaskProgress stuck = stalls.register("0_1");
        stuck.imagesWaiting(3);

        // when
        for (int second = 0; second < 10; second++) {
            flowing.imagesWaiting(1);
            clock.addAndGet(1_000);
            flowing.batchCompleted(0);
        }

        // then
        assertThat(stalls.check()).isEqualTo(Change.STALLED);
    }

    @Test
    void shouldForgetATaskThatClosed() {
        // given
        TaskProgress stuck = stalls.register("0_1");
        stuck.imagesWaiting(3);
        clock.addAndGet(10_000);
        assertThat(stalls.check()).isEqualTo(Change.STALLED);

        // when its partition moves to another instance
        stalls.unregister(stuck);

        // then
        assertThat(stalls.check()).isEqualTo(Change.RECOVERED);
    }

    @Test
    void shouldCountFromTheFirstImageThatWaits() {
        // given
        TaskProgress progress = stalls.register("0_0");
        progress.imagesWaiting(1);
        clock.addAndGet(6_000);

        // when more arrive
        progress.imagesWaiting(2);
        clock.addAndGet(4_000);

        // then the first has waited the timeout
        assertThat(stalls.check()).isEqualTo(Change.STALLED);
    }

    @Test
    void shouldKnowWhenTheLastBatchCompleted() {
        assertThat(stalls.lastCompletedBatchAt()).isEmpty();

        stalls.register("0_0").batchCompleted(0);

        assertThat(stalls.lastCompletedBatchAt()).hasValue(1_000_000);
    }

    @Test
    void shouldRefuseATimeoutBelowOneMillisecond() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StallWatch(Duration.ZERO, clock::get));
    }
}
