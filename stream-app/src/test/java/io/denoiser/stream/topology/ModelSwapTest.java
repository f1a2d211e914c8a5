package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_SIZE;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.inference.Denoiser;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelVersionHeader;
import io.denoiser.stream.inference.ServingModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new model goes live between batches: every reconstruction says which model made it, field and header. */
class ModelSwapTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldServeTheBatchesThatStartAfterASwapWithTheNewModel() {
        LiveModel live = new LiveModel(model("old@1", FakeDenoiser::inverting));
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), live)) {
            // given
            driver.sendAll(images(0, BATCH_SIZE));

            // when
            live.swapTo(model("new@2", FakeDenoiser::identity));
            driver.sendAll(images(BATCH_SIZE, BATCH_SIZE));

            // then
            List<TestRecord<String, Reconstruction>> published = driver.reconstructions();
            assertThat(published)
                    .extracting(record -> record.value().modelVersion())
                    .containsExactly("old@1", "old@1", "old@1", "old@1", "new@2", "new@2", "new@2", "new@2");
            assertThat(published)
                    .allSatisfy(record -> assertThat(versionHeader(record))
                            .isEqualTo(record.value().modelVersion()));
        }
    }

    @Test
    void shouldFinishABatchInProgressOnTheModelItStartedWith() {
        AtomicReference<LiveModel> holder = new AtomicReference<>();
        Supplier<Denoiser> swappingDuringItsCall = () -> FakeDenoiser.runningDuringEachCall(() -> {
            if (holder.get().generation() == 1) {
                holder.get().swapTo(model("new@2", FakeDenoiser::identity));
            }
        });
        LiveModel live = new LiveModel(model("old@1", swappingDuringItsCall));
        holder.set(live);
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), live)) {
            // when: the swap happens inside the first batch's model call
            driver.sendAll(images(0, 2 * BATCH_SIZE));

            // then
            assertThat(driver.reconstructions())
                    .extracting(record -> record.value().modelVersion())
                    .containsExactly("old@1", "old@1", "old@1", "old@1", "new@2", "new@2", "new@2", "new@2");
        }
    }

    private static String versionHeader(TestRecord<String, Reconstruction> record) {
        Header header = record.headers().lastHeader(ModelVersionHeader.NAME);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ServingModel model(String version, Supplier<Denoiser> denoisers) {
        return new ServingModel(version, "fake", 1, denoisers, () -> {});
    }

    private static List<NoisyImage> images(int first, int count) {
        return IntStream.range(first, first + count)
                .mapToObj(i -> noisyImage("img-" + i, gradient(28, 28)))
                .toList();
    }
}
