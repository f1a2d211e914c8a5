package io.denoiser.stream.batching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The images waiting for their batch, kept in the changelogged store (the only copy that survives a crash) and,
 * for reading, in memory: the store is written and never read, apart from {@link #restore}. Why: scanning the
 * cached RocksDB store for each batch (and reading it before each put) was about a tenth of the stream thread's
 * time (docs/BENCHMARKS.md), while what the buffer holds is a few batches. Keys are {@link BufferKey}s, so key
 * order is arrival order. An image is waiting until its batch is {@link #take taken} for a model call, and stays in
 * the store until the batch's outcomes are published and it is {@link #remove removed}; more images arrive
 * meanwhile. Owned by one processor, hence by one stream thread: not thread-safe.
 *
 * <p>The store holds the entries' bytes and this class reads them with {@link PendingImageSerde}, rather than
 * the store doing it. Why: an entry that cannot be read (corrupt, or from a newer build) must become a dead
 * letter ({@link BufferEntry.Unreadable}); read by the store, it would throw out of the restore, at every start.
 */
final class BatchBuffer {

    /** What an unreadable entry counts as having arrived at: long ago, so the first check flushes it. */
    static final long UNREADABLE_ARRIVAL = 0;

    private final KeyValueStore<String, byte[]> store;
    private final Serializer<PendingImage> serializer = new PendingImageSerde().serializer();
    private final Deserializer<PendingImage> deserializer = new PendingImageSerde().deserializer();
    /** The entries in the store that wait, by key: in arrival order. */
    private final NavigableMap<String, BufferEntry> waiting = new TreeMap<>();
    /** The keys of the batches taken and not yet removed: still in the store, no longer waiting. */
    private final Set<String> taken = new HashSet<>();
    /** Waiting entries that could not be read (only ever restored ones). */
    private int unreadableWaiting;

    private BatchBuffer(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Wraps the store and reads what it holds (images buffered before a restart): all of it waits. */
    static BatchBuffer restore(KeyValueStore<String, byte[]> store) {
        BatchBuffer buffer = new BatchBuffer(store);
        try (KeyValueIterator<String, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                BufferEntry entry = buffer.read(entries.next());
                buffer.waiting.put(entry.key(), entry);
                if (entry instanceof BufferEntry.Unreadable) {
                    buffer.unreadableWaiting++;
                }
            }
        }
        return buffer;
    }

    /** Images waiting: in the store and not taken. */
    int size() {
        return waiting.size();
    }

    /** Images in the store: waiting, or taken and not yet removed. */
    int held() {
        return waiting.size() + taken.size();
    }

    /**
     * Arrival time of the first waiting image in key order, the next to be flushed, or {@link #UNREADABLE_ARRIVAL}
     * while an unreadable entry waits; meaningless when none waits.
     * Usually the oldest; after a replay below restored images it can be younger than they, which delays them by
     * at most one {@code max.batch.delay.ms}, since a flush by delay takes every waiting image.
     */
    long oldestArrival() {
        if (unreadableWaiting > 0) {
            return UNREADABLE_ARRIVAL;
        }
        return waiting.isEmpty()
                ? Long.MAX_VALUE
                : arrivalOf(waiting.firstEntry().getValue());
    }

    /**
     * Adds the image unless an image with its key is in the store already (a replay after a crash). Why a key can
     * come below those that wait: after an unclean stop under at_least_once the restored buffer can hold offsets
     * above the last committed one, and the app then reads the offsets between again.
     */
    void add(PendingImage image) {
        String key = BufferKey.of(image.input().source());
        if (waiting.containsKey(key) || taken.contains(key)) {
            return;
        }
        store.put(key, serializer.serialize(null, image));
        waiting.put(key, new BufferEntry.Waiting(key, image));
    }

    /** The oldest waiting entries, at most {@code limit}, in arrival order; they stay waiting. */
    List<BufferEntry> waiting(int limit) {
        List<BufferEntry> batch = new ArrayList<>(Math.min(limit, waiting.size()));
        for (BufferEntry entry : waiting.values()) {
            if (batch.size() == limit) {
                break;
            }
            batch.add(entry);
        }
        return batch;
    }

    /**
     * Takes the oldest waiting entries, at most {@code limit}, in arrival order, for a model call: they no longer
     * wait, and stay in the store until {@link #remove}d.
     */
    List<BufferEntry> take(int limit) {
        List<BufferEntry> batch = new ArrayList<>(Math.min(limit, waiting.size()));
        while (batch.size() < limit && !waiting.isEmpty()) {
            BufferEntry entry = waiting.pollFirstEntry().getValue();
            if (entry instanceof BufferEntry.Unreadable) {
                unreadableWaiting--;
            }
            taken.add(entry.key());
            batch.add(entry);
        }
        return batch;
    }

    /** Deletes a batch returned by {@link #take}, once its outcomes have been forwarded. */
    void remove(List<BufferEntry> batch) {
        for (BufferEntry entry : batch) {
            store.delete(entry.key());
            taken.remove(entry.key());
        }
    }

    private BufferEntry read(KeyValue<String, byte[]> entry) {
        if (entry.value == null) {
            return new BufferEntry.Unreadable(entry.key, 0, "the entry is empty");
        }
        try {
            return new BufferEntry.Waiting(entry.key, deserializer.deserialize(null, entry.value));
        } catch (SerializationException e) {
            return new BufferEntry.Unreadable(entry.key, entry.value.length, e.getMessage());
        }
    }

    private static long arrivalOf(BufferEntry entry) {
        return entry instanceof BufferEntry.Waiting waiting ? waiting.image().arrivedAt() : UNREADABLE_ARRIVAL;
    }
}
