package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buffer on a real RocksDB store (tombstones and all), checked against a sorted map after every step of a
 * seeded random mix of adds (new images, replays of waiting ones, replays of flushed ones, below and above what
 * waits) and flushes.
 */
class BatchBufferTest {

    private static final String TOPIC = "images.noisy";

    @TempDir
    Path stateDir;

    private KeyValueStore<String, PendingImage> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DenoiseBatcherSupplier.STORE_NAME),
                        Serdes.String(),
                        new PendingImageSerde())
                .withLoggingDisabled()
                .build();
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "batch-buffer-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        MockProcessorContext<Object, Object> context =
                new MockProcessorContext<>(properties, new TaskId(0, 0), stateDir.toFile());
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldHoldExactlyWhatWasAddedAndNotRemovedForAnyOrderOfAddsAndFlushes() {
        // given
        BatchBuffer buffer = BatchBuffer.restore(store);
        TreeMap<String, PendingImage> expected = new TreeMap<>();
        SplittableRandom random = new SplittableRandom(20_260_112L);

        for (int step = 0; step < 5_000; step++) {
            // when
            if (random.nextInt(3) > 0) {
                PendingImage image = pending(random.nextInt(2), random.nextInt(300), step);
                buffer.add(image);
                expected.putIfAbsent(BufferKey.of(image.input().source()), image);
            } else {
                List<KeyValue<String, PendingImage>> batch = buffer.oldest(1 + random.nextInt(8));
                assertThat(batch).containsExactlyElementsOf(first(expected, batch.size()));
                buffer.remove(batch);
                batch.forEach(entry -> expected.remove(entry.key));
            }

            // then
            assertThat(buffer.size()).as("size after step %d", step).isEqualTo(expected.size());
            assertThat(buffer.oldest(Integer.MAX_VALUE))
                    .as("waiting images after step %d", step)
                    .containsExactlyElementsOf(first(expected, expected.size()));
        }
    }

    @Test
    void shouldRestoreCountAndOldestArrivalFromTheStore() {
        // given
        store.put(BufferKey.of(new SourceCoordinates(TOPIC, 0, 7)), pending(0, 7, 2_000));
        store.put(BufferKey.of(new SourceCoordinates(TOPIC, 0, 3)), pending(0, 3, 1_000));

        // when
        BatchBuffer buffer = BatchBuffer.restore(store);

        // then
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.oldestArrival()).isEqualTo(1_000);
    }

    /** The first {@code count} entries in the map's iteration order (key order, for the sorted maps here). */
    private static List<KeyValue<String, PendingImage>> first(Map<String, PendingImage> entries, int count) {
        List<KeyValue<String, PendingImage>> first = new ArrayList<>(count);
        for (Map.Entry<String, PendingImage> entry : entries.entrySet()) {
            if (first.size() == count) {
                break;
            }
            first.add(KeyValue.pair(entry.getKey(), entry.getValue()));
        }
        return first;
    }

    private static PendingImage pending(int partition, long offset, long arrivedAt) {
        byte[] value = ("{\"offset\":" + offset + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        InputRecord input = new InputRecord(new SourceCoordinates(TOPIC, partition, offset), null, value, 0L);
        return new PendingImage(input, arrivedAt);
    }
}
