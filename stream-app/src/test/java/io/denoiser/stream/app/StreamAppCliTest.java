package io.denoiser.stream.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.fixtures.ClosedPort;
import io.denoiser.stream.fixtures.TestArtifacts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code run} command's contract with its user: one line on stderr and exit code 1 when it cannot run. */
class StreamAppCliTest {

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldStopWithOneLineNamingTheFolderWhenTheModelIsMissing() {
        // given
        Path missing = folder.resolve("no-model-here");

        // when
        int exitCode = execute(Map.of(), "run", "--model", missing.toString());

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .hasLineCount(1)
                .startsWith("denoiser-stream: model artifact " + missing + ": folder not found");
    }

    @Test
    void shouldStopWithOneLineNamingTheKeyWhenASettingIsBad() {
        // when
        int exitCode = execute(Map.of("DENOISER_MODEL_RUNTIME", "tensorflow"), "run");

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .hasLineCount(1)
                .startsWith("denoiser-stream: ")
                .contains("model.runtime")
                .contains("tensorflow");
    }

    @Test
    @Timeout(120) // a hang guard: the test itself takes a few seconds
    void shouldStopWithOneLineWhenNoBrokerAnswersWithinTheStartupTimeout() {
        // given
        Path model = folder.resolve("model");
        TestArtifacts.write(model, TestArtifacts.network());
        String nowhere = ClosedPort.nowhere();
        Map<String, String> environment = Map.of(
                "DENOISER_STARTUP_TIMEOUT_MS",
                "1000",
                "DENOISER_STATE_DIR",
                folder.resolve("state").toString());

        // when
        int exitCode = execute(environment, "run", "--model", model.toString(), "--bootstrap-servers", nowhere);

        // then
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString())
                .isEqualToIgnoringNewLines("denoiser-stream: no Kafka broker reachable at " + nowhere + " within 1 s");
    }

    @Test
    void shouldDescribeItsOptionsAndSettings() {
        // when
        int exitCode = execute(Map.of(), "run", "--help");

        // then
        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--config", "--model", "--bootstrap-servers", "DENOISER_", "Exit codes");
    }

    private int execute(Map<String, String> environment, String... args) {
        CommandLine cli = StreamAppCli.commandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }
}
