package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

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
        unlimited.awaitTurn(0);

        // at any rate above zero, even one a second, the billionth event would be due in 31 years
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> unlimited.awaitTurn(1_000_000_000L));
    }

    @Test
    void shouldRefuseANegativeRate() {
        assertThatThrownBy(() -> new Pacer(-1)).hasMessageContaining("rate must be a finite number >= 0");
    }
}
