package io.denoiser.stream.batching;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The images waiting for their batch, kept in the changelogged store (the only copy that survives a crash)
 * with an in-memory count and oldest arrival time that are only a cache of it, rebuilt by {@link #restore}.
 * Keys are {@link BufferKey}s, so iteration order is arrival order. Owned by one processor, hence by one
 * stream thread: not thread-safe.
 */
final class BatchBuffer {

    private final KeyValueStore<String, PendingImage> store;
    private int size;
    private long oldestArrival;
    /**
     * Every key below it is deleted: iterating from it skips the tombstones that a queue leaves in RocksDB. An
     * image added below it moves it down (see {@link #add}); {@code null} scans from the start.
     */
    private String lowestKey;

    private BatchBuffer(KeyValueStore<String, PendingImage> store) {
        this.store = store;
    }

    /** Wraps the store and rebuilds the cache from what it holds (images buffered before a restart). */
    static BatchBuffer restore(KeyValueStore<String, PendingImage> store) {
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
        if (store.putIfAbsent(key, image) == null) {
            if (size == 0) {
                oldestArrival = image.arrivedAt();
            }
            size++;
            if (lowestKey != null && key.compareTo(lowestKey) < 0) {
                lowestKey = key;
            }
        }
    }

    /** The oldest waiting images, at most {@code limit}, in arrival order; they stay until {@link #remove}d. */
    List<KeyValue<String, PendingImage>> oldest(int limit) {
        List<KeyValue<String, PendingImage>> batch = new ArrayList<>(Math.min(limit, size));
        try (KeyValueIterator<String, PendingImage> entries = fromLowestKey()) {
            while (batch.size() < limit && entries.hasNext()) {
                batch.add(entries.next());
            }
        }
        return batch;
    }

    /** Deletes a batch returned by {@link #oldest}, once its results have been forwarded. */
    void remove(List<KeyValue<String, PendingImage>> batch) {
        for (KeyValue<String, PendingImage> entry : batch) {
            store.delete(entry.key);
            lowestKey = entry.key;
        }
        size -= batch.size();
        if (size > 0) {
            oldestArrival = peekOldestArrival();
        }
    }

    private void recount() {
        size = 0;
        oldestArrival = Long.MAX_VALUE;
        try (KeyValueIterator<String, PendingImage> entries = store.all()) {
            while (entries.hasNext()) {
                oldestArrival = Math.min(oldestArrival, entries.next().value.arrivedAt());
                size++;
            }
        }
    }

    private long peekOldestArrival() {
        try (KeyValueIterator<String, PendingImage> entries = fromLowestKey()) {
            return entries.hasNext() ? entries.next().value.arrivedAt() : oldestArrival;
        }
    }

    private KeyValueIterator<String, PendingImage> fromLowestKey() {
        return lowestKey == null ? store.all() : store.range(lowestKey, null);
    }
}
