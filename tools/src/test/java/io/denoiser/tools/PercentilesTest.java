package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void shouldGiveTheNearestRankValue() {
        long[] oneToHundred = new long[100];
        for (int i = 0; i < 100; i++) {
            oneToHundred[99 - i] = i + 1L; // unsorted on purpose
        }
        Percentiles percentiles = new Percentiles(oneToHundred);

        assertThat(percentiles.at(50)).isEqualTo(50);
        assertThat(percentiles.at(95)).isEqualTo(95);
        assertThat(percentiles.at(99)).isEqualTo(99);
        assertThat(percentiles.at(100)).isEqualTo(100);
    }

    @Test
    void shouldGiveTheOnlyValueOfASingleMeasurementForEveryPercentile() {
        Percentiles one = new Percentiles(new long[] {42});

        assertThat(one.at(1)).isEqualTo(42);
        assertThat(one.at(99)).isEqualTo(42);
    }

    @Test
    void shouldGiveZeroWhenNothingWasMeasuredAndRefuseNonsensePercents() {
        assertThat(new Percentiles(new long[0]).at(50)).isZero();
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Percentiles(new long[] {1}).at(101)).isInstanceOf(IllegalArgumentException.class);
    }
}
