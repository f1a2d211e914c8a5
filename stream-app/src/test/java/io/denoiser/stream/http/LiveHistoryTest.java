package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.metrics.MicrometerMetrics.Totals;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LiveHistoryTest {

    private final AtomicReference<Totals> totals = new AtomicReference<>(new Totals(0, 0, 0, 0, 0, 0, 0, 0, 0));
    private final LiveHistory history = new LiveHistory(totals::get, () -> 5);

    @Test
    void shouldMakeRatesAndMeansOfEachSecondFromTheTotals() {
        history.tick(10_000);
        totals.set(new Totals(110, 100, 10, 25, 100, 100, 2.0, 25, 0.05));
        history.tick(12_000);

        List<Map<String, Object>> points = history.points();

        assertThat(points)
                .singleElement()
                .satisfies(point -> assertThat(point)
                        .containsEntry("t", 12_000L)
                        .containsEntry("receivedPerSecond", 55.0)
                        .containsEntry("reconstructionsPerSecond", 50.0)
                        .containsEntry("deadLettersPerSecond", 5.0)
                        .containsEntry("meanBatchSize", 4.0)
                        .containsEntry("meanLatencyMs", 20.0)
                        .containsEntry("meanInferenceMs", 2.0)
                        .containsEntry("buffered", 5));
    }

    @Test
    void shouldLeaveMeansEmptyWhenNothingHappenedAndKeepFiveMinutes() {
        for (int i = 0; i <= LiveHistory.POINTS + 10; i++) {
            history.tick(i * 1000L);
        }

        assertThat(history.points()).hasSize(LiveHistory.POINTS);
        assertThat(history.points().get(0)).containsEntry("t", 11_000L).containsEntry("meanBatchSize", null);
    }
}
