package io.denoiser.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.tools.fixtures.CliRun;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code demo} end to end with the committed model: its own broker, or one it is pointed at. */
class DemoCommandIT {

    private static final int IMAGES = 60;

    @TempDir
    Path output;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldRunTheWholeSystemInProcessAndReportWhatCameBack() throws Exception {
        CliRun run = demo();

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("broker   in-process Kafka (KRaft) at 127.0.0.1:")
                .contains("topics   images.noisy -> images.denoised, dead letters to images.dlq")
                .containsPattern(
                        "live     http://127\\.0\\.0\\.1:[0-9]+/ \\(the live page; .*/metrics, .*/health/ready\\)")
                .contains("images in       60 (and 1 malformed record, sent on purpose)")
                .contains("images out      60")
                .contains("dead letters    1 (MALFORMED_JSON)")
                .containsPattern("throughput +[0-9,]+ images/s")
                .containsPattern("latency +p50 [0-9,]+ ms, p95 [0-9,]+ ms, p99 [0-9,]+ ms")
                .containsPattern("quality +denoised: mean PSNR (1[89]|2[0-9])\\.[0-9]{2} dB")
                .containsPattern("noisy input: mean PSNR ([89]|1[01])\\.[0-9]{2} dB")
                .contains("picture         " + output.resolve(Demo.GRID_FILE));
        BufferedImage grid = ImageIO.read(output.resolve(Demo.GRID_FILE).toFile());
        assertThat(grid.getWidth()).as("ten digits side by side").isGreaterThan(10 * 28);
        assertThat(grid.getHeight()).as("three rows").isGreaterThan(3 * 28);
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void shouldUseTopicsOfItsOwnOnABrokerItIsPointedAt() {
        try (EmbeddedKafkaBroker yours = EmbeddedKafkaBroker.start()) {
            CliRun run = demo("--bootstrap-servers", yours.bootstrapServers());

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out())
                    .contains("broker   " + yours.bootstrapServers() + " (yours)")
                    .containsPattern("topics   denoiser-demo-[0-9a-f]{8}\\.images\\.noisy")
                    .contains("images out      60");
        }
    }

    @Test
    void shouldExplainAMissingModel() {
        CliRun run = demo("--model", output.resolve("no-model").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("denoiser demo: model artifact " + output.resolve("no-model"));
    }

    private CliRun demo(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "demo",
                "--count",
                String.valueOf(IMAGES),
                "--images",
                fixtureImages().toString(),
                "--output",
                output.toString()));
        if (!List.of(extra).contains("--model")) {
            args.addAll(List.of("--model", modelDir().toString()));
        }
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
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
