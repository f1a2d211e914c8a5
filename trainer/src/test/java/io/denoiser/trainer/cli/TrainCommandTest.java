package io.denoiser.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.trainer.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    private CommandRun train(String... extra) {
        String[] base = {"train", "--train-images", Fixtures.mnistImages().toString(), "--test-images",
                Fixtures.mnistImages().toString(), "--test-limit", "100", "--output", dir.resolve("model").toString(),
                "--checkpoints", dir.resolve("checkpoints").toString(),
                "--epochs", java.util.Arrays.asList(extra).contains("--epochs") ? "0" : "1"};
        if (java.util.Arrays.asList(extra).contains("--epochs")) {
            base = java.util.Arrays.copyOf(base, base.length - 2);
        }
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CommandRun.of(args);
    }

    @Test
    void shouldTrainOneEpochOnTheFixturesAndWriteALoadableArtifact() throws Exception {
        CommandRun run = train();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("epoch 1: train loss").contains("validation BCE").contains("wrote ");
        ModelMetadata metadata = ArtifactLoader.load(dir.resolve("model")).metadata();
        assertThat(metadata.history()).hasSize(1);
        assertThat(metadata.datasets().training().images()).isEqualTo(500);
        assertThat(metadata.test().model().images()).isEqualTo(100);
        assertThat(metadata.training().command()).startsWith("denoiser-trainer train --train-images");
        assertThat(metadata.noise().toString()).isEqualTo("gaussian:0.5");
        assertThat(dir.resolve("model/samples.png")).isNotEmptyFile();
        assertThat(dir.resolve("model/curve.png")).isNotEmptyFile();
    }

    @Test
    void shouldRefuseToOverwriteARunWithoutResumeAndFinishItWithResume() throws Exception {
        assertThat(train().exitCode()).isZero();
        Files.delete(dir.resolve("model/model.json"));

        CommandRun again = train();
        CommandRun resumed = train("--resume");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a run at epoch 1: pass --resume");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("resuming after epoch 1").doesNotContain("epoch 1: train loss");
        assertThat(ArtifactLoader.load(dir.resolve("model")).metadata().history()).hasSize(1);
    }

    @Test
    void shouldRefuseToResumeWithDifferentSettings() {
        assertThat(train().exitCode()).isZero();

        CommandRun resumed = train("--resume", "--noise", "gaussian:0.3");

        assertThat(resumed.exitCode()).isEqualTo(1);
        assertThat(resumed.err()).contains("cannot resume the run in").contains("noise=gaussian:0.3");
    }

    @Test
    void shouldWriteAnArtifactPartWayThroughARunAndGoOnLater() {
        CommandRun partial = train("--epochs", "2", "--until-epoch", "1", "--limit", "128");
        ModelMetadata first = ArtifactLoader.readMetadata(dir.resolve("model"));
        CommandRun rest = train("--epochs", "2", "--limit", "128", "--resume");

        assertThat(partial.exitCode()).as(partial.err()).isZero();
        assertThat(first.training().epochs()).isEqualTo(2);
        assertThat(first.training().epochsRun()).isEqualTo(1);
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("resuming after epoch 1").contains("epoch 2: train loss");
        assertThat(ArtifactLoader.readMetadata(dir.resolve("model")).training().epochsRun()).isEqualTo(2);
    }

    @Test
    void shouldTrainOnThePlainFallbackEngine() {
        CommandRun run = train("--engine", "plain", "--limit", "64", "--batch-size", "64");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("plain engine (0/5 convolutions on oneDNN)");
        assertThat(ArtifactLoader.load(dir.resolve("model")).metadata().training().engine()).isEqualTo("plain");
    }

    @Test
    void shouldReportBadDataAsAMessageNotAStackTrace() {
        CommandRun run = CommandRun.of("train", "--train-images", dir.resolve("missing-idx3-ubyte").toString(),
                "--output", dir.resolve("model").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + dir.resolve("missing-idx3-ubyte") + ": no such file or folder")
                .doesNotContain("Exception");
    }

    @Test
    void shouldRejectAnUnknownNoiseKind() {
        CommandRun run = train("--noise", "pink:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown noise kind 'pink'");
    }
}
