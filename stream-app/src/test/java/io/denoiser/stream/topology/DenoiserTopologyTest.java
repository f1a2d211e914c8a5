package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.MODEL_VERSION;
import static io.denoiser.stream.fixtures.TestData.NEW_YEAR_2026;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.inverted;
import static io.denoiser.stream.fixtures.TestData.json;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static io.denoiser.stream.fixtures.TestData.noisyImageWithReference;
import static io.denoiser.stream.fixtures.TestData.noisyImageWithTimestamp;
import static io.denoiser.stream.fixtures.TestData.poisoned;
import static io.denoiser.stream.fixtures.TestData.shifted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.metrics.Psnr;
import io.denoiser.model.metrics.Ssim;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageDecoder;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.batching.DenoiseBatcherSupplier;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the topology publishes: keys, timestamps, quality figures, sizes, failures, names. */
class DenoiserTopologyTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldPreserveKeyAndTimestamp() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.inverting())) {
            // given an image without event time and one with, both under keys other than their ids
            long kafkaTime = NEW_YEAR_2026 + 5_000;
            long eventTime = NEW_YEAR_2026 - 60_000;
            driver.send("key-a", json(noisyImage("img-a", gradient(28, 28))), kafkaTime);
            driver.send("key-b", json(noisyImageWithTimestamp("img-b", gradient(28, 28), eventTime)), kafkaTime);

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            List<TestRecord<String, Reconstruction>> published = driver.reconstructions();
            assertThat(published).extracting(TestRecord::key).containsExactly("key-a", "key-b");
            assertThat(published).extracting(TestRecord::timestamp).containsOnly(kafkaTime);
            assertThat(published).extracting(record -> record.value().id()).containsExactly("img-a", "img-b");
            assertThat(published)
                    .extracting(record -> record.value().inputTimestamp())
                    .containsExactly(kafkaTime, eventTime);
        }
    }

    @Test
    void shouldAttachPsnrAndSsimWhenReferenceGiven() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.identity())) {
            // given
            DecodedImage clean = gradient(28, 28);
            DecodedImage noisy = shifted(clean, 20);
            driver.send(noisyImageWithReference("img-ref", noisy, clean));
            driver.send(noisyImage("img-plain", noisy));

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            List<Reconstruction> published =
                    driver.reconstructions().stream().map(TestRecord::value).toList();
            assertThat(published.get(0).psnr()).isCloseTo(Psnr.of(gray(noisy), gray(clean)), within(1e-9));
            assertThat(published.get(0).ssim()).isCloseTo(Ssim.of(gray(noisy), gray(clean)), within(1e-9));
            assertThat(published.get(1).hasQuality()).isFalse();
        }
    }

    @Test
    void shouldOmitQualityForImagesSmallerThanTheSsimWindow() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.identity())) {
            // given
            driver.send(noisyImageWithReference("img-tiny", shifted(gradient(4, 4), 20), gradient(4, 4)));

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            assertThat(driver.reconstructions())
                    .extracting(TestRecord::value)
                    .singleElement()
                    .satisfies(reconstruction ->
                            assertThat(reconstruction.hasQuality()).isFalse());
        }
    }

    @Test
    void shouldDenoiseImagesOfOtherSizes() {
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), FakeDenoiser.inverting())) {
            // given
            DecodedImage wide = gradient(30, 20);
            driver.send(noisyImage("img-raw", wide));
            driver.send(noisyImage("img-png", wide, ImageEncoding.PNG));
            driver.send(noisyImage("img-mnist", gradient(28, 28)));

            // when
            driver.advanceWallClock(BATCH_DELAY);

            // then
            List<Reconstruction> published =
                    driver.reconstructions().stream().map(TestRecord::value).toList();
            assertThat(published).extracting(Reconstruction::width).containsExactly(30, 30, 28);
            assertThat(published).extracting(Reconstruction::height).containsExactly(20, 20, 28);
            assertThat(published)
                    .extracting(Reconstruction::encoding)
                    .containsExactly(ImageEncoding.RAW_U8, ImageEncoding.PNG, ImageEncoding.RAW_U8);
            assertThat(ImageDecoder.decode(ImageEncoding.PNG, published.get(1).data(), 30, 20, "data"))
                    .isEqualTo(inverted(wide));
        }
    }

    @Test
    void shouldIsolateFailingImageAsInferenceFailed() {
        FakeDenoiser denoiser = FakeDenoiser.failingOnPoison();
        try (DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser)) {
            // given a full batch whose third image (offset 2) makes the model fail
            NoisyImage poison = noisyImage("img-poison", poisoned(28, 28));
            List<NoisyImage> batch = List.of(
                    noisyImage("img-a", gradient(28, 28)),
                    noisyImage("img-b", gradient(28, 28)),
                    poison,
                    noisyImage("img-d", gradient(28, 28)));

            // when
            driver.sendAll(batch);

            // then the others are published, each with the size of the call that succeeded
            List<TestRecord<String, Reconstruction>> published = driver.reconstructions();
            assertThat(published).extracting(TestRecord::key).containsExactly("img-a", "img-b", "img-d");
            assertThat(published)
                    .extracting(record -> record.value().batchSize())
                    .containsExactly(2, 2, 1);
            // (the 1 after the first failed call is the probe that tells the images' fault from the model's)
            assertThat(denoiser.callSizes()).containsExactly(4, 1, 2, 2, 1, 1);
            // and the poisoned one is a dead letter
            assertThat(driver.deadLetters()).singleElement().satisfies(record -> {
                DeadLetter letter = record.value();
                assertThat(record.key()).isEqualTo("img-poison");
                assertThat(letter.reason()).isEqualTo(ReasonCode.INFERENCE_FAILED);
                assertThat(letter.sourceTopic()).isEqualTo("images.noisy");
                assertThat(letter.sourcePartition()).isZero();
                assertThat(letter.sourceOffset()).isEqualTo(2);
                assertThat(letter.originalValueBytes()).isEqualTo(json(poison));
                assertThat(letter.message()).contains("fake model cannot denoise a poisoned image");
            });
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldCloseTheDenoiserWithItsTask() {
        // given
        FakeDenoiser denoiser = FakeDenoiser.inverting();
        DenoiserDriver driver = DenoiserDriver.start(config(stateDir), denoiser);

        // when
        driver.close();

        // then
        assertThat(denoiser.isClosed()).isTrue();
    }

    @Test
    void shouldNameEveryNodeAndStore() {
        // when
        String description = DenoiserTopology.build(config(stateDir), FakeDenoiser::identity, MODEL_VERSION)
                .describe()
                .toString();

        // then
        assertThat(description)
                .contains(
                        DenoiserTopology.SOURCE,
                        DenoiserTopology.DECODE_VALIDATE,
                        DenoiserTopology.DENOISE_BATCHER,
                        DenoiserTopology.DENOISED_SINK,
                        DenoiserTopology.DEAD_LETTER_SINK,
                        DenoiseBatcherSupplier.STORE_NAME);
        assertThat(description).doesNotContain("KSTREAM-");
    }

    private static GrayImage gray(DecodedImage image) {
        return GrayImage.fromBytes(image.width(), image.height(), image.pixels());
    }
}
