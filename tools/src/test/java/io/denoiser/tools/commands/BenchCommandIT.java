package io.denoiser.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.tools.PhaseSamples;
import io.denoiser.tools.fixtures.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench} runs its phases and writes its three reports. What it measures is not asserted here: figures
 * live in docs/BENCHMARKS.md, produced by the command on a quiet machine.
 */
class BenchCommandIT {

    @TempDir
    Path output;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void shouldMeasureSaturationAndEachLoadOfEachVariedSettingInRoundsAndReportTheMedians() throws Exception {
        CliRun run = CliRun.of(
                "bench",
                "--model",
                modelDir().toString(),
                "--images",
                fixtureImages().toString(),
                "--max-batch-size",
                "16",
                "--vary",
                "preferred.batch.size=1,8",
                "--saturation-images",
                "150",
                "--warm-up-images",
                "50",
                "--loads",
                "25,50",
                "--load-seconds",
                "1",
                "--rounds",
                "2",
                "--raw-model-seconds",
                "1",
                "--set",
                "num.stream.threads=2",
                "--samples",
                "--output",
                output.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .containsPattern("raw model: onnxruntime, batches of 32, [0-9]+ caller threads: [0-9,]+ images/s")
                .containsPattern("saturation +[0-9,]+ images/s \\([0-9.]+x the model alone\\)")
                .containsPattern("process CPU [0-9,]+ µs per image \\([0-9.]+ of [0-9]+ cores busy\\),"
                        + " broker [0-9,]+ requests/s \\([0-9.]+ per image\\)")
                .containsPattern("\\| onnx \\(onnxruntime\\) \\| 32 \\| [0-9]+ \\| [0-9,]+ \\| [0-9,]+ \\|")
                .contains("round 1/2: model.runtime=onnx, max.batch.size=16, max.batch.delay.ms=10,"
                        + " preferred.batch.size=1")
                .contains("round 2/2: model.runtime=onnx, max.batch.size=16, max.batch.delay.ms=10,"
                        + " preferred.batch.size=8")
                .containsPattern("\\| onnx \\| 16 \\| 10 \\| preferred.batch.size=8 \\| saturation \\| unpaced \\|"
                        + " [0-9,]+ \\| [0-9.]+ \\|")
                .containsPattern("\\| onnx \\| 16 \\| 10 \\| preferred.batch.size=1 \\| 50% load \\| [0-9,]+ \\|");
        assertThat(Files.readString(output.resolve(BenchReport.MARKDOWN)))
                .contains("| onnx | 16 | 10 | preferred.batch.size=1 | 25% load |")
                .contains("each figure the median of 2 rounds")
                .contains("other settings {num.stream.threads=2}");
        var json = new ObjectMapper().readTree(output.resolve(BenchReport.JSON).toFile());
        assertThat(json.get("results")).hasSize(2);
        assertThat(json.get("rawModel").get("onnx").get("imagesPerSecond").asDouble())
                .isPositive();
        assertThat(json.get("results")
                        .get(0)
                        .get("saturation")
                        .get("cpuMicrosPerImage")
                        .asDouble())
                .isPositive();
        assertThat(json.get("rounds")).hasSize(4);
        assertThat(json.get("results").get(1).get("loads")).hasSize(2);
        assertThat(json.get("results").get(0).get("saturation").get("images").asInt())
                .isEqualTo(150);
        assertThat(json.get("results")
                        .get(0)
                        .get("saturation")
                        .get("brokerRequestsPerImage")
                        .asDouble())
                .as("the in-process broker's requests are counted")
                .isPositive();
        List<String> samples = Files.readAllLines(
                output.resolve("samples").resolve("round2-onnx-b16-d10-preferred.batch.size=8-saturation.csv"));
        assertThat(samples).hasSize(1 + 150).first().isEqualTo(PhaseSamples.CSV_HEADER);
        assertThat(samples.get(1)).matches("[0-9]+,[0-9]+,-?[0-9]+,[0-9]+,[01]");
        assertThat(ImageIO.read(output.resolve(BenchReport.PLOT).toFile()).getWidth())
                .isPositive();
    }

    private static Path modelDir() {
        return Path.of(Objects.requireNonNull(
                System.getProperty("denoiser.model"),
                "system property denoiser.model is not set: run the integration tests with Maven"));
    }

    private static Path fixtureImages() {
        return Path.of(System.getProperty("denoiser.fixtures"), "mnist-test-500-images-idx3-ubyte.gz");
    }
}
