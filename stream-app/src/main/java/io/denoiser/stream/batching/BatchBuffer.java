package io.denoiser.stream.batching;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The images waiting for their batch, kept in the changelogged store (the only copy that survives a crash)
 * with an in-memory count and oldest arrival time that are only a cache of it, rebuilt by {@link #restore}.
 * Keys are {@link BufferKey}s, so iteration order is arrival order. Owned by one processor, hence by one
 * stream thread: not thread-safe.
 *
 * <p>The store holds the entries' bytes and this class reads them with {@link PendingImageSerde}, rather than
 * the store doing it. Why: an entry that cannot be read (corrupt, or from a newer build) must become a dead
 * letter ({@link BufferEntry.Unreadable}); read by the store, it would throw out of every scan, at every start.
 */
final class BatchBuffer {

    /** What an unreadable entry counts as having arrived at: long ago, so the first check flushes it. */
    static final long UNREADABLE_ARRIVAL = 0;

    private final KeyValueStore<String, byte[]> store;
    private final Serializer<PendingImage> serializer = new PendingImageSerde().serializer();
    private final Deserializer<PendingImage> deserializer = new PendingImageSerde().deserializer();
    private int size;
    private long oldestArrival;
    /**
     * Every key below it is deleted: iterating from it skips the tombstones that a queue leaves in RocksDB. An
     * image added below it moves it down (see {@link #add}); {@code null} scans from the start.
     */
    private String lowestKey;

    private BatchBuffer(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Wraps the store and rebuilds the cache from what it holds (images buffered before a restart). */
    static BatchBuffer restore(KeyValueStore<String, byte[]> store) {
        BatchBuffer buffer = new BatchBuffer(store);
        buffer.recount();
        return buffer;
    }

    int size() {
        return size;
    }

    /**
     * Arrival time of the first waiting image in key order, the next to be flushed; meaningless when none waits.
     * Usually the oldest; after a replay below restored images it can be younger than they, which delays them by
     * at most one {@code max.batch.delay.ms}, since a flush by delay takes every waiting image.
     */
    long oldestArrival() {
        return oldestArrival;
    }

    /**
     * Adds the image unless an image with its key waits already (a replay after a crash). A key below the scan's
     * start moves the start down to it. Why that happens: after an unclean stop under at_least_once the restored
     * buffer can hold offsets above the last committed one; the app then reads the offsets between again, and
     * once the restored images are flushed, those replayed images sit below the deleted keys.
     */
    void add(PendingImage image) {
        String key = BufferKey.of(image.input().source());
        if (store.putIfAbsent(key, serializer.serialize(null, image)) == null) {
            if (size == 0) {
                oldestArrival = image.arrivedAt();
            }
            size++;
            if (lowestKey != null && key.compareTo(lowestKey) < 0) {
                lowestKey = key;
            }
        }
    }

    /** The oldest entries, at most {@code limit}, in arrival order; they stay until {@link #remove}d. */
    List<BufferEntry> oldest(int limit) {
        List<BufferEntry> batch = new ArrayList<>(Math.min(limit, size));
        try (KeyValueIterator<String, byte[]> entries = fromLowestKey()) {
            while (batch.size() < limit && entries.hasNext()) {
                batch.add(read(entries.next()));
            }
        }
        return batch;
    }

    /** Deletes a batch returned by {@link #oldest}, once its outcomes have been forwarded. */
    void remove(List<BufferEntry> batch) {
        for (BufferEntry entry : batch) {
            store.delete(entry.key());
            lowestKey = entry.key();
        }
        size -= batch.size();
        if (size > 0) {
            oldestArrival = peekOldestArrival();
        }
    }

    private void recount() {
        size = 0;
        oldestArrival = Long.MAX_VALUE;
        try (KeyValueIterator<String, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                oldestArrival = Math.min(oldestArrival, arrivalOf(read(entries.next())));
                size++;
            }
        }
    }

    private long peekOldestArrival() {
        try (KeyValueIterator<String, byte[]> entries = fromLowestKey()) {
            return entries.hasNext() ? arrivalOf(read(entries.next())) : oldestArrival;
        }
    }

    private KeyValueIterator<String, byte[]> fromLowestKey() {
        return lowestKey == null ? store.all() : store.range(lowestKey, null);
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
