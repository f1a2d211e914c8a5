package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.Reconstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhaseSamplesTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEachLatencyInArrivalOrderAndTheMeanBatch() {
        PhaseSamples samples = samples(3000);

        assertThat(samples.count()).isEqualTo(3000);
        assertThat(samples.latencies()).startsWith(20, 21, 22).endsWith(20 + 2999);
        assertThat(samples.toFlush()).startsWith(5, 5, 5);
        assertThat(samples.meanBatchSize()).isEqualTo((8 + 32) / 2.0);
    }

    @Test
    void shouldWriteOneLinePerImageUnderTheHeader() throws Exception {
        PhaseSamples samples = samples(3);

        Path file = dir.resolve("saturation.csv");
        samples.writeCsv(file);

        assertThat(Files.readAllLines(file))
                .containsExactly(PhaseSamples.CSV_HEADER, "1000,20,5,8,0", "1001,21,5,32,1", "1002,22,5,8,0");
    }

    /** Image i sent at 1000 + i, processed 5 ms later, received 20 + i ms after it was sent. */
    private static PhaseSamples samples(int count) {
        PhaseSamples samples = new PhaseSamples();
        for (int i = 0; i < count; i++) {
            Reconstruction value = new Reconstruction(
                    "image-" + i,
                    1,
                    1,
                    ImageEncoding.RAW_U8,
                    "AA==",
                    "test-model@000000000000",
                    1000 + i,
                    1005 + i,
                    i % 2 == 0 ? 8 : 32,
                    null,
                    null);
            samples.add(new ReceivedReconstruction(value, i % 2, i, 20 + i));
        }
        return samples;
    }
}
