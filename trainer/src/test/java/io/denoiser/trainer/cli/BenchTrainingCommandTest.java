package io.denoiser.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.trainer.Fixtures;
import org.junit.jupiter.api.Test;

class BenchTrainingCommandTest {

    @Test
    void shouldPrintOneRowPerEngineWithTheFirstAsTheBaseline() {
        CommandRun run = CommandRun.of(
                "bench-training",
                "--images",
                Fixtures.mnistImages().toString(),
                "--batch-size",
                "16",
                "--warmup",
                "1",
                "--steps",
                "2",
                "--engines",
                "onednn,onednn");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("median ms/step").containsPattern("onednn +[0-9.]+ +[0-9]+ +[0-9.]+ +1\\.00x");
        assertThat(run.out().lines().filter(line -> line.startsWith("onednn"))).hasSize(2);
    }
}
