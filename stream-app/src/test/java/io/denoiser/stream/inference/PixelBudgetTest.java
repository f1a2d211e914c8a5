package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class PixelBudgetTest {

    @Test
    void shouldKeepABatchWithinTheBoundInOneCall() {
        assertThat(PixelBudget.split(List.of(784, 784, 784), Integer::longValue, 3 * 784))
                .containsExactly(List.of(784, 784, 784));
    }

    @Test
    void shouldSplitInArrivalOrderWhereTheNextImageWouldExceedTheBound() {
        assertThat(PixelBudget.split(List.of(500, 400, 200, 900, 100), Integer::longValue, 1000))
                .containsExactly(List.of(500, 400), List.of(200), List.of(900, 100));
    }

    @Test
    void shouldGiveAnImageLargerThanTheBoundACallOfItsOwn() {
        assertThat(PixelBudget.split(List.of(100, 5000, 100), Integer::longValue, 1000))
                .containsExactly(List.of(100), List.of(5000), List.of(100));
    }

    @Test
    void shouldCountPixelsWithoutOverflowing() {
        // given images whose sum overflows an int
        int large = Integer.MAX_VALUE / 2 + 1;

        assertThat(PixelBudget.split(List.of(large, large), Integer::longValue, Long.MAX_VALUE))
                .containsExactly(List.of(large, large));
    }

    @Test
    void shouldMakeNoCallForNoImage() {
        assertThat(PixelBudget.split(List.<Integer>of(), Integer::longValue, 1000))
                .isEmpty();
    }

    @Test
    void shouldRefuseABoundBelowOnePixel() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PixelBudget.split(List.of(1), Integer::longValue, 0))
                .withMessageContaining("at least 1");
    }
}
