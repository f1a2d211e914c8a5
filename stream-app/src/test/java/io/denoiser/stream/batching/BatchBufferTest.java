package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
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

    private final Serializer<PendingImage> serializer = new PendingImageSerde().serializer();
    private KeyValueStore<String, byte[]> store;

    @BeforeEach
    void openStore() {
        store = Stores.keyValueStoreBuilder(
                        Stores.persistentKeyValueStore(DenoiseBatcherSupplier.STORE_NAME),
                        Serdes.String(),
                        Serdes.ByteArray())
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
    void shouldHoldExactlyWhatWasAddedAndNotRemovedForAnyOrderOfAddsTakesAndRemoves() {
        // given images arriving while batches are taken, also below them (replays), as while model calls run
        BatchBuffer buffer = BatchBuffer.restore(store);
        TreeMap<String, PendingImage> waiting = new TreeMap<>();
        Deque<List<BufferEntry>> taken = new ArrayDeque<>();
        SplittableRandom random = new SplittableRandom(20_260_112L);

        for (int step = 0; step < 5_000; step++) {
            // when
            int action = random.nextInt(4);
            if (action >= 2) {
                PendingImage image = pending(random.nextInt(2), random.nextInt(300), step);
                buffer.add(image);
                String key = BufferKey.of(image.input().source());
                if (taken.stream()
                        .flatMap(List::stream)
                        .noneMatch(entry -> entry.key().equals(key))) {
                    waiting.putIfAbsent(key, image);
                }
            } else if (action == 1) {
                List<BufferEntry> batch = buffer.take(1 + random.nextInt(8));
                assertThat(batch).containsExactlyElementsOf(first(waiting, batch.size()));
                batch.forEach(entry -> waiting.remove(entry.key()));
                taken.addLast(batch);
            } else if (!taken.isEmpty()) {
                buffer.remove(taken.removeFirst());
            }

            // then
            assertThat(buffer.size()).as("waiting after step %d", step).isEqualTo(waiting.size());
            assertThat(buffer.held())
                    .as("held after step %d", step)
                    .isEqualTo(
                            waiting.size() + taken.stream().mapToInt(List::size).sum());
            assertThat(buffer.waiting(Integer.MAX_VALUE))
                    .as("waiting images after step %d", step)
                    .containsExactlyElementsOf(first(waiting, waiting.size()));
            // and the store, what survives a crash, holds what waits and what is taken, not yet removed
            TreeSet<String> held = new TreeSet<>(waiting.keySet());
            taken.forEach(batch -> batch.forEach(entry -> held.add(entry.key())));
            assertThat(storedKeys()).as("stored keys after step %d", step).containsExactlyElementsOf(held);
        }
        // a restart finds all of them waiting
        assertThat(BatchBuffer.restore(store).size()).isEqualTo(buffer.held());
    }

    private List<String> storedKeys() {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = store.all()) {
            entries.forEachRemaining(entry -> keys.add(entry.key));
        }
        return keys;
    }

    @Test
    void shouldRestoreCountAndOldestArrivalFromTheStore() {
        // given
        store.put(key(0, 7), serializer.serialize(null, pending(0, 7, 2_000)));
        store.put(key(0, 3), serializer.serialize(null, pending(0, 3, 1_000)));

        // when
        BatchBuffer buffer = BatchBuffer.restore(store);

        // then
        assertThat(buffer.size()).isEqualTo(2);
        assertThat(buffer.oldestArrival()).isEqualTo(1_000);
    }

    @Test
    void shouldHandOutAnEntryItCannotReadInsteadOfFailing() {
        // given a corrupt entry between two images, and one from a newer format
        byte[] newerFormat = serializer.serialize(null, pending(0, 3, 1_000));
        newerFormat[0] = 2;
        store.put(key(0, 1), serializer.serialize(null, pending(0, 1, 1_000)));
        store.put(key(0, 2), new byte[] {1, 0, 0});
        store.put(key(0, 3), newerFormat);
        store.put(key(0, 4), serializer.serialize(null, pending(0, 4, 1_000)));

        // when
        BatchBuffer buffer = BatchBuffer.restore(store);
        long oldestArrival = buffer.oldestArrival();
        List<BufferEntry> batch = buffer.take(8);

        // then it counts them, and they make the first check flush at once
        assertThat(oldestArrival).isEqualTo(BatchBuffer.UNREADABLE_ARRIVAL);
        assertThat(buffer.held()).isEqualTo(4);
        assertThat(batch).extracting(BufferEntry::key).containsExactly(key(0, 1), key(0, 2), key(0, 3), key(0, 4));
        assertThat(batch.get(1)).isInstanceOfSatisfying(BufferEntry.Unreadable.class, unreadable -> {
            assertThat(unreadable.size()).isEqualTo(3);
            assertThat(unreadable.problem()).contains("corrupt");
        });
        assertThat(batch.get(2))
                .isInstanceOfSatisfying(
                        BufferEntry.Unreadable.class,
                        unreadable -> assertThat(unreadable.problem()).contains("format version 2"));
        buffer.remove(batch);
        assertThat(buffer.held()).isZero();
    }

    private static String key(int partition, long offset) {
        return BufferKey.of(new SourceCoordinates(TOPIC, partition, offset));
    }

    /** The first {@code count} entries in the map's iteration order (key order, for the sorted maps here). */
    private static List<BufferEntry> first(Map<String, PendingImage> entries, int count) {
        List<BufferEntry> first = new ArrayList<>(count);
        for (Map.Entry<String, PendingImage> entry : entries.entrySet()) {
            if (first.size() == count) {
                break;
            }
            first.add(new BufferEntry.Waiting(entry.getKey(), entry.getValue()));
        }
        return first;
    }

    private static PendingImage pending(int partition, long offset, long arrivedAt) {
        byte[] value = ("{\"offset\":" + offset + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        InputRecord input = new InputRecord(new SourceCoordinates(TOPIC, partition, offset), null, value, 0L);
        return new PendingImage(input, arrivedAt);
    }
}
