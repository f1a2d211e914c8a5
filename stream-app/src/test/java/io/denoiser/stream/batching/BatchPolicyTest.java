package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchPolicyTest {

    private static final long ARRIVAL = 1_000_000L;
    private final BatchPolicy policy = new BatchPolicy(32, Duration.ofMillis(20));

    @Test
    void shouldBeFullFromMaxBatchSizeOn() {
        assertThat(policy.isFull(31)).isFalse();
        assertThat(policy.isFull(32)).isTrue();
        assertThat(policy.isFull(33)).isTrue();
    }

    @Test
    void shouldBeReadyFromThePreferredSizeOn() {
        BatchPolicy adaptive = new BatchPolicy(32, 8, Duration.ofMillis(20), BatchPolicy.DEFAULT_MAX_BATCH_PIXELS);

        assertThat(adaptive.isReady(7)).isFalse();
        assertThat(adaptive.isReady(8)).isTrue();
        assertThat(adaptive.isFull(8)).isFalse();
        assertThat(policy.isReady(31))
                .as("batches of one size are ready when full")
                .isFalse();
        assertThat(policy.isReady(32)).isTrue();
    }

    @Test
    void shouldCapThePreferredSizeAtTheLargest() {
        BatchPolicy small = new BatchPolicy(4, 8, Duration.ofMillis(20), BatchPolicy.DEFAULT_MAX_BATCH_PIXELS);

        assertThat(small.preferredBatchSize()).isEqualTo(4);
        assertThat(small.isReady(4)).isTrue();
    }

    @Test
    void shouldBeDueOnceTheOldestHasWaitedTheDelay() {
        assertThat(policy.isDue(1, ARRIVAL, ARRIVAL + 19)).isFalse();
        assertThat(policy.isDue(1, ARRIVAL, ARRIVAL + 20)).isTrue();
        assertThat(policy.isDue(1, ARRIVAL, ARRIVAL + 21)).isTrue();
    }

    @Test
    void shouldNeverBeDueWithNothingWaiting() {
        assertThat(policy.isDue(0, ARRIVAL, ARRIVAL + 1_000)).isFalse();
    }

    @Test
    void shouldBeDueWhenTheWallClockSteppedBack() {
        assertThat(policy.isDue(1, ARRIVAL, ARRIVAL - 1)).isTrue();
    }

    @Test
    void shouldCheckFourTimesPerDelayButAtMostEveryMillisecond() {
        assertThat(policy.checkInterval()).isEqualTo(Duration.ofMillis(5));
        assertThat(new BatchPolicy(1, Duration.ofMillis(3)).checkInterval()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void shouldRefuseEmptyBatchesAndZeroDelay() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BatchPolicy(0, Duration.ofMillis(20)))
                .withMessageContaining("maxBatchSize");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BatchPolicy(8, 0, Duration.ofMillis(20), BatchPolicy.DEFAULT_MAX_BATCH_PIXELS))
                .withMessageContaining("preferredBatchSize");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BatchPolicy(1, Duration.ZERO))
                .withMessageContaining("maxBatchDelay");
    }
}
