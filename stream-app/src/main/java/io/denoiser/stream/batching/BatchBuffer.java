package io.denoiser.stream.batching;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The images waiting for their batch, kept in the changelogged store (the only copy that survives a crash)
 * with an in-memory count and oldest arrival time that are only a cache of it, rebuilt by {@link #restore}.
 * Keys are {@link BufferKey}s, so iteration order is arrival order. An image is waiting until its batch is
 * {@link #take taken} for a model call, and stays in the store until the batch's outcomes are published and it is
 * {@link #remove removed}; more images arrive meanwhile. Owned by one processor, hence by one stream thread: not
 * thread-safe.
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
    /** The keys of the batches taken and not yet removed: still in the store, no longer waiting. */
    private final Set<String> taken = new HashSet<>();
    /** The highest key taken; an image added below it while taken is not passed by {@link #remove}'s new start. */
    private String highestTaken;

    private boolean addedBelowTaken;

    private BatchBuffer(KeyValueStore<String, byte[]> store) {
        this.store = store;
    }

    /** Wraps the store and rebuilds the cache from what it holds (images buffered before a restart). */
    static BatchBuffer restore(KeyValueStore<String, byte[]> store) {
        BatchBuffer buffer = new BatchBuffer(store);
        buffer.recount();
        return buffer;
    }

    /** Images waiting: in the store and not taken. */
    int size() {
        return size;
    }

    /** Images in the store: waiting, or taken and not yet removed. */
    int held() {
        return size + taken.size();
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
            if (highestTaken != null && key.compareTo(highestTaken) < 0) {
                addedBelowTaken = true;
            }
        }
    }

    /** The oldest waiting entries, at most {@code limit}, in arrival order; they stay waiting. */
    List<BufferEntry> waiting(int limit) {
        List<BufferEntry> batch = new ArrayList<>(Math.min(limit, size));
        try (KeyValueIterator<String, byte[]> entries = fromLowestKey()) {
            while (batch.size() < limit && entries.hasNext()) {
                KeyValue<String, byte[]> entry = entries.next();
                if (!taken.contains(entry.key)) {
                    batch.add(read(entry));
                }
            }
        }
        return batch;
    }

    /**
     * Takes the oldest waiting entries, at most {@code limit}, in arrival order, for a model call: they no longer
     * wait, and stay in the store until {@link #remove}d. Batches taken are removed in the order they were taken.
     */
    List<BufferEntry> take(int limit) {
        if (taken.isEmpty()) {
            addedBelowTaken = false;
            highestTaken = null;
        }
        List<BufferEntry> batch = waiting(limit);
        for (BufferEntry entry : batch) {
            taken.add(entry.key());
        }
        if (!batch.isEmpty()) {
            String last = batch.get(batch.size() - 1).key();
            highestTaken = highestTaken == null || last.compareTo(highestTaken) > 0 ? last : highestTaken;
        }
        size -= batch.size();
        if (size > 0) {
            oldestArrival = peekOldestArrival();
        }
        return batch;
    }

    /**
     * Deletes the oldest batch returned by {@link #take}, once its outcomes have been forwarded. The scan then starts
     * after it, unless an image arrived below a taken one meanwhile (a replay, see {@link #add}).
     */
    void remove(List<BufferEntry> batch) {
        for (BufferEntry entry : batch) {
            store.delete(entry.key());
            taken.remove(entry.key());
        }
        if (!batch.isEmpty() && !addedBelowTaken) {
            lowestKey = batch.get(batch.size() - 1).key();
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
        List<BufferEntry> first = waiting(1);
        return first.isEmpty() ? oldestArrival : arrivalOf(first.get(0));
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
