package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.batching.PendingImage;
import io.denoiser.stream.batching.PendingImageSerde;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.fixtures.ChangelogReplay;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images buffered when the app stops come out after it restarts. What survives a crash is the buffer's
 * changelog: Kafka Streams 4.4 does not flush RocksDB at commits, and the test driver deletes local state when
 * closed, so the restarted driver's state is rebuilt from the first driver's changelog, as Kafka Streams
 * itself rebuilds it.
 */
class BatcherRestartTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldReEmitBufferedImagesAfterRestartWithSameState() {
        StreamAppConfig config = config(stateDir);
        List<NoisyImage> images = List.of(
                noisyImage("img-a", gradient(28, 28)),
                noisyImage("img-b", gradient(28, 28)),
                noisyImage("img-c", gradient(28, 28)));
        // given three images buffered when the app stops
        List<TestRecord<String, PendingImage>> changelog;
        try (DenoiserDriver first = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            first.sendAll(images);
            assertThat(first.reconstructions()).isEmpty();
            changelog = first.bufferChangelog();
        }
        assertThat(changelog)
                .extracting(record -> record.value().input().source().offset())
                .containsExactly(0L, 1L, 2L);
        ChangelogReplay.restoreBatchBuffer(stateDir, config.applicationId(), changelog);

        // when the app starts again on that state, with the same application id
        FakeDenoiser denoiser = FakeDenoiser.inverting();
        try (DenoiserDriver restarted = DenoiserDriver.start(config, denoiser)) {
            assertThat(restarted.buffered()).isEqualTo(3);
            restarted.advanceWallClock(BATCH_DELAY);

            // then
            assertThat(restarted.reconstructions())
                    .extracting(TestRecord::key)
                    .containsExactly("img-a", "img-b", "img-c");
            assertThat(denoiser.callSizes()).containsExactly(3);
            assertThat(restarted.buffered()).isZero();
        }
    }

    /**
     * Under at_least_once a crash can leave the changelog ahead of the committed offsets: the restored buffer
     * holds images at offsets above those the restarted app reads again. The replayed images are then older than
     * the restored ones, and flushing the restored ones must not hide the replayed ones.
     */
    @Test
    void shouldDenoiseReplayedImagesBelowTheRestoredOnes() {
        StreamAppConfig config = config(stateDir);
        List<NoisyImage> images = IntStream.range(0, 13)
                .mapToObj(i -> noisyImage("img-" + i, gradient(28, 28)))
                .toList();
        // given a crash after offsets 0..9 were denoised and 10..12 buffered, with no offset committed
        List<TestRecord<String, PendingImage>> changelog;
        StreamAppConfig batchesOfTen = config(
                stateDir,
                StreamAppConfigDef.MAX_BATCH_SIZE_CONFIG,
                "10",
                StreamAppConfigDef.PREFERRED_BATCH_SIZE_CONFIG,
                "10");
        try (DenoiserDriver first = DenoiserDriver.start(batchesOfTen, FakeDenoiser.inverting())) {
            first.sendAll(images);
            assertThat(first.reconstructions()).hasSize(10);
            changelog = first.bufferChangelog();
        }
        ChangelogReplay.restoreBatchBuffer(stateDir, config.applicationId(), changelog);

        // when the restarted app reads all 13 again, in batches of 4
        try (DenoiserDriver restarted = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            assertThat(restarted.buffered()).isEqualTo(3);
            restarted.sendAll(images);
            restarted.advanceWallClock(BATCH_DELAY);

            // then every image comes out (10..12 twice: at least once), and nothing is left waiting
            assertThat(restarted.reconstructions())
                    .extracting(TestRecord::key)
                    .containsAll(images.stream().map(NoisyImage::id).toList());
            assertThat(restarted.buffered()).isZero();
        }
    }

    @Test
    void shouldDeadLetterBufferEntriesItCannotReadAndDenoiseTheOthers() {
        StreamAppConfig config = config(stateDir);
        List<NoisyImage> images = IntStream.range(0, 4)
                .mapToObj(i -> noisyImage("img-" + i, gradient(28, 28)))
                .toList();
        // given a buffer of four images whose second entry is corrupt and whose third has a newer format
        List<TestRecord<String, PendingImage>> changelog;
        try (DenoiserDriver first = DenoiserDriver.start(
                config(
                        stateDir,
                        StreamAppConfigDef.MAX_BATCH_SIZE_CONFIG,
                        "10",
                        StreamAppConfigDef.PREFERRED_BATCH_SIZE_CONFIG,
                        "10"),
                FakeDenoiser.inverting())) {
            first.sendAll(images);
            changelog = first.bufferChangelog();
        }
        Serializer<PendingImage> serializer = new PendingImageSerde().serializer();
        List<KeyValue<String, byte[]>> entries = changelog.stream()
                .map(record -> KeyValue.pair(record.key(), serializer.serialize(null, record.value())))
                .toList();
        byte[] corrupt = Arrays.copyOf(entries.get(1).value, 20);
        byte[] newerFormat = entries.get(2).value.clone();
        newerFormat[0] = 9;
        ChangelogReplay.restoreBatchBufferEntries(
                stateDir,
                config.applicationId(),
                List.of(
                        entries.get(0),
                        KeyValue.pair(entries.get(1).key, corrupt),
                        KeyValue.pair(entries.get(2).key, newerFormat),
                        entries.get(3)));

        // when the app starts on that state
        try (DenoiserDriver restarted = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            restarted.advanceWallClock(BATCH_DELAY);

            // then the readable images are denoised, the others are dead letters that say where the originals are
            assertThat(restarted.reconstructions()).extracting(TestRecord::key).containsExactly("img-0", "img-3");
            List<DeadLetter> deadLetters =
                    restarted.deadLetters().stream().map(TestRecord::value).toList();
            assertThat(deadLetters).extracting(DeadLetter::reason).containsOnly(ReasonCode.UNREADABLE_BUFFER_ENTRY);
            assertThat(deadLetters).extracting(DeadLetter::sourceOffset).containsExactly(1L, 2L);
            assertThat(deadLetters).allSatisfy(letter -> {
                assertThat(letter.sourceTopic()).isEqualTo(config.topics().input());
                assertThat(letter.originalValue()).isNull();
            });
            assertThat(deadLetters.get(0).message()).contains("corrupt");
            assertThat(deadLetters.get(1).message()).contains("format version 9");
            assertThat(restarted.buffered()).isZero();
        }
    }
}
