package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.RecordingMetrics;
import io.denoiser.stream.fixtures.TestData;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology tells its metrics of every record, batch, model call and output, once each. */
class MetricsReportingTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldReportEveryRecordBatchModelCallAndOutputOnce() {
        RecordingMetrics metrics = new RecordingMetrics();
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.failingOnPoison(), metrics)) {
            // a full batch of 4 (one of them poisoned), then one image flushed by the wall clock, and two bad records
            for (int i = 0; i < 3; i++) {
                driver.send(TestData.noisyImage("img-" + i, TestData.gradient(8, 8)));
            }
            driver.send(TestData.noisyImage("poison", TestData.poisoned(8, 8)));
            driver.send(TestData.noisyImage("late", TestData.gradient(8, 8)));
            driver.send("malformed", TestData.malformedJson());
            driver.send("mismatch", TestData.json(TestData.sizeMismatch()));
            driver.advanceWallClock(TestData.BATCH_DELAY.multipliedBy(2));

            assertThat(driver.reconstructions()).hasSize(4);
            assertThat(driver.deadLetters()).hasSize(3);
        }

        assertThat(metrics.received).hasValue(7);
        assertThat(metrics.reconstructions).containsExactlyInAnyOrder("img-0", "img-1", "img-2", "late");
        assertThat(metrics.deadLetters)
                .containsOnly(
                        Map.entry(ReasonCode.INFERENCE_FAILED, 1),
                        Map.entry(ReasonCode.MALFORMED_JSON, 1),
                        Map.entry(ReasonCode.SIZE_MISMATCH, 1));
        assertThat(metrics.batches).containsExactly(4, 1);
        // the full batch fails, is probed, then split in halves down to the poisoned image: several calls
        assertThat(metrics.modelCalls).hasSizeGreaterThan(2).contains(4, 1);
        assertThat(metrics.dropped).isEmpty();
    }
}
