package io.denoiser.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.inference.ModelRuntime;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSettingsTest {

    @ParameterizedTest(name = "{1} cores, {2} stream threads -> {3} per call")
    @CsvSource({
        // configured, cores, stream threads, expected
        "0, 2, 1, 2",
        "0, 8, 2, 4",
        "0, 8, 3, 2",
        "0, 2, 4, 1",
        "3, 2, 1, 3",
    })
    void shouldShareTheCoresOutAmongStreamThreadsUnlessConfigured(
            int configured, int cores, int streamThreads, int expected) {
        // given
        ModelSettings settings = new ModelSettings(Path.of("models/default"), ModelRuntime.ONNX, configured);

        // when
        int threads = settings.threadsPerCall(streamThreads, cores);

        // then
        assertThat(threads).isEqualTo(expected);
    }

    @Test
    void shouldRefuseNegativeThreads() {
        assertThatThrownBy(() -> new ModelSettings(Path.of("m"), ModelRuntime.DL4J, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inferenceThreads")
                .hasMessageContaining("-1");
    }
}
