package io.denoiser.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.trainer.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @TempDir
    Path dir;

    /** Runs {@code train} on the fixtures; an option given in {@code extra} replaces its default here. */
    private CommandRun train(String... extra) {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("--train-images", Fixtures.mnistImages().toString());
        defaults.put("--test-images", Fixtures.mnistImages().toString());
        defaults.put("--test-limit", "100");
        defaults.put("--output", dir.resolve("model").toString());
        defaults.put("--checkpoints", dir.resolve("checkpoints").toString());
        defaults.put("--epochs", "1");
        List<String> args = new ArrayList<>(List.of("train"));
        List<String> given = List.of(extra);
        defaults.forEach((option, value) -> {
            if (!given.contains(option)) {
                args.add(option);
                args.add(value);
            }
        });
        args.addAll(given);
        return CommandRun.of(args.toArray(String[]::new));
    }

    @Test
    void shouldTrainOneEpochOnTheFixturesAndWriteALoadableArtifact() throws Exception {
        CommandRun run = train();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("epoch 1: train loss")
                .contains("validation BCE")
                .contains("wrote ");
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
        assertThat(ArtifactLoader.load(dir.resolve("model")).metadata().history())
                .hasSize(1);
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
        assertThat(ArtifactLoader.readMetadata(dir.resolve("model")).training().epochsRun())
                .isEqualTo(2);
    }

    @Test
    void shouldFineTuneFromAnArtifactAndRecordWhereItStarted() {
        assertThat(train("--limit", "256").exitCode()).isZero();
        ModelMetadata parent = ArtifactLoader.readMetadata(dir.resolve("model"));
        Path child = dir.resolve("child");

        CommandRun tuned = train(
                "--limit",
                "256",
                "--init-from",
                dir.resolve("model").toString(),
                "--learning-rate",
                "0.0005",
                "--output",
                child.toString(),
                "--checkpoints",
                dir.resolve("child-run").toString());

        assertThat(tuned.exitCode()).as(tuned.err()).isZero();
        ModelMetadata.Training training = ArtifactLoader.load(child).metadata().training();
        assertThat(training.startedFrom().modelVersion()).isEqualTo(parent.modelVersion());
        assertThat(training.startedFrom().epochsRun()).isEqualTo(1);
        assertThat(training.startedFrom().testPsnr())
                .isEqualTo(parent.test().model().psnr());
        assertThat(training.startedFrom().command()).isEqualTo(parent.training().command());
        assertThat(training.command()).contains("--init-from");
        // one more epoch on top of the parent's beats the parent's single epoch
        assertThat(ArtifactLoader.readMetadata(child).history().get(0).validationBce())
                .isLessThan(parent.history().get(0).validationBce());
    }

    @Test
    void shouldRefuseToResumeAFineTuningRunFromAnotherStartingModel() {
        assertThat(train("--limit", "128").exitCode()).isZero();
        Path run = dir.resolve("tuning-run");
        assertThat(train(
                                "--limit",
                                "128",
                                "--epochs",
                                "2",
                                "--until-epoch",
                                "1",
                                "--checkpoints",
                                run.toString(),
                                "--output",
                                dir.resolve("child").toString())
                        .exitCode())
                .isZero();

        CommandRun resumed = train(
                "--limit",
                "128",
                "--epochs",
                "2",
                "--checkpoints",
                run.toString(),
                "--resume",
                "--output",
                dir.resolve("child").toString(),
                "--init-from",
                dir.resolve("model").toString());

        assertThat(resumed.exitCode()).isEqualTo(1);
        assertThat(resumed.err()).contains("cannot resume the run in").contains("startedFrom=conv-autoencoder-32x2@");
    }

    @Test
    void shouldTrainOnThePlainFallbackEngine() {
        CommandRun run = train("--engine", "plain", "--limit", "64", "--batch-size", "64");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("plain engine (0/5 convolutions on oneDNN)");
        assertThat(ArtifactLoader.load(dir.resolve("model"))
                        .metadata()
                        .training()
                        .engine())
                .isEqualTo("plain");
    }

    @Test
    void shouldReportBadDataAsAMessageNotAStackTrace() {
        CommandRun run = CommandRun.of(
                "train",
                "--train-images",
                dir.resolve("missing-idx3-ubyte").toString(),
                "--output",
                dir.resolve("model").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("error: " + dir.resolve("missing-idx3-ubyte") + ": no such file or folder")
                .doesNotContain("Exception");
    }

    @Test
    void shouldRejectAnUnknownNoiseKind() {
        CommandRun run = train("--noise", "pink:1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("unknown noise kind 'pink'");
    }
}
