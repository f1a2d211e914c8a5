package io.denoiser.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.inference.ModelRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSettingsTest {

    @ParameterizedTest(name = "{0} configured, {1} cores -> {2} per call, {3} calls at once")
    @CsvSource({
        // configured, cores, threads per call, calls at once
        "0, 2, 1, 2",
        "0, 8, 1, 8",
        "0, 1, 1, 1",
        "2, 8, 2, 4",
        "3, 8, 3, 2",
        "3, 2, 3, 1",
    })
    void shouldRunOneThreadPerCallAndAsManyCallsAsCoresUnlessConfigured(
            int configured, int cores, int expectedThreads, int expectedCalls) {
        // given
        ModelSettings settings = new ModelSettings(Path.of("models/default"), ModelRuntime.ONNX, configured);

        // when
        int threads = settings.threadsPerCall();
        int calls = settings.callsAtOnce(cores);

        // then
        assertThat(threads).isEqualTo(expectedThreads);
        assertThat(calls).isEqualTo(expectedCalls);
    }

    @Test
    void shouldRefuseNegativeThreads() {
        assertThatThrownBy(() -> new ModelSettings(Path.of("m"), ModelRuntime.DL4J, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inferenceThreads")
                .hasMessageContaining("-1");
    }
}
