package io.denoiser.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.trainer.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateCommandTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void trainASmallModel() {
        model = dir.resolve("model");
        CommandRun run = CommandRun.of(
                "train",
                "--train-images",
                Fixtures.mnistImages().toString(),
                "--test-images",
                Fixtures.mnistImages().toString(),
                "--test-limit",
                "200",
                "--epochs",
                "1",
                "--output",
                model.toString(),
                "--checkpoints",
                dir.resolve("checkpoints").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void shouldReproduceTheArtifactsOwnTestFiguresOnTheSameImagesAndNoise() throws Exception {
        Path json = dir.resolve("report.json");

        CommandRun run = CommandRun.of(
                "evaluate",
                "--model",
                model.toString(),
                "--images",
                Fixtures.mnistImages().toString(),
                "--limit",
                "200",
                "--json",
                json.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("noisy input")
                .contains("median 3x3")
                .contains("gaussian blur (sigma")
                .contains("model (dl4j-");
        ModelMetadata metadata = ArtifactLoader.readMetadata(model);
        JsonNode rows = new ObjectMapper().readTree(json.toFile()).get("rows");
        assertThat(rows).hasSize(4);
        // model.json's figure was measured when the model was trained, maybe on another CPU whose kernels round
        // differently: 0.01 dB of a 20 dB mean is the precision a user reads it at, far above that float noise
        assertThat(rows.get(3).get("quality").get("psnr").asDouble())
                .isCloseTo(metadata.test().model().psnr(), org.assertj.core.data.Offset.offset(0.01));
        assertThat(rows.get(0).get("quality").get("psnr").asDouble())
                .isCloseTo(metadata.test().noisyInput().psnr(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void shouldRefuseACorruptArtifactWithAMessage() throws Exception {
        Path corrupt = dir.resolve("corrupt");
        Files.createDirectories(corrupt);
        for (String file : new String[] {"model.json", "model.zip"}) {
            Files.copy(model.resolve(file), corrupt.resolve(file));
        }
        Files.write(corrupt.resolve("model.zip"), new byte[] {1, 2, 3});

        CommandRun run = CommandRun.of(
                "evaluate",
                "--model",
                corrupt.toString(),
                "--images",
                Fixtures.mnistImages().toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: model artifact " + corrupt + ": checksum mismatch for model.zip");
    }
}
