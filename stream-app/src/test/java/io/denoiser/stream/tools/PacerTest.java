package io.denoiser.stream.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PacerTest {

    @Test
    void shouldNotLetAnEventGoBeforeItsTurn() {
        Pacer pacer = new Pacer(100);
        long start = System.nanoTime();

        for (int i = 0; i <= 10; i++) {
            pacer.awaitTurn(i);
        }

        // the 11th event at 100/s is due 100 ms after the first; a lower bound, whatever else the machine does
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldNotWaitWithoutALimit() {
        Pacer unlimited = new Pacer(0);
        long start = System.nanoTime();

        for (int i = 0; i < 1_000; i++) {
            unlimited.awaitTurn(i);
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseANegativeRate() {
        assertThatThrownBy(() -> new Pacer(-1)).hasMessageContaining("rate must be a finite number >= 0");
    }
}
