package io.denoiser.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LearningRateTest {

    @Test
    void cosineShouldStartAtTheInitialRateAndEndAtOnePercentOfIt() {
        assertThat(LearningRate.rateAt(1e-3, 0, 60)).isCloseTo(1e-3, within(1e-12));
        assertThat(LearningRate.rateAt(1e-3, 59, 60)).isCloseTo(1e-5, within(1e-12));
        assertThat(LearningRate.rateAt(1e-3, 30, 60)).isBetween(4e-4, 6e-4);
    }

    @Test
    void constantShouldNeverChange() {
        var schedule = LearningRate.CONSTANT.schedule(1e-3, 10);

        assertThat(schedule.valueAt(0, 0)).isEqualTo(1e-3);
        assertThat(schedule.valueAt(5000, 9)).isEqualTo(1e-3);
    }

    @Test
    void cosineScheduleShouldFollowTheEpoch() {
        var schedule = LearningRate.COSINE.schedule(1e-3, 10);

        assertThat(schedule.valueAt(0, 9)).isCloseTo(1e-5, within(1e-12));
    }

    @Test
    void shouldNameTheChoicesWhenTheScheduleIsUnknown() {
        assertThatThrownBy(() -> LearningRate.parse("step"))
                .hasMessage("unknown learning-rate schedule 'step': use constant or cosine");
    }
}
