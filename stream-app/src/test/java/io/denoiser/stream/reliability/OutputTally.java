package io.denoiser.stream.reliability;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.stream.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Counts what the app published, as one kind of reader sees it: every partition of the output and dead-letter
 * topics from the beginning, without a group, at the given isolation level. A {@code read_committed} reader is what
 * every consumer of an {@code exactly_once_v2} output must be; a {@code read_uncommitted} one also sees the records
 * of transactions that were aborted, and sees records as soon as they are written. Not thread-safe: one thread
 * polls.
 */
final class OutputTally implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(50);

    private final KafkaConsumer<String, byte[]> consumer;
    private final TopicNames topics;
    private final Deserializer<Reconstruction> json =
            RecordSerdes.reconstruction().deserializer();
    private final Map<String, Integer> reconstructionsPerId = new HashMap<>();
    private final List<String> deadLetterKeys = new ArrayList<>();
    private final Map<Integer, Long> firstAfterMark = new HashMap<>();
    private long reconstructions;
    private long lastArrivalNanos;
    private long markNanos;
    private boolean marked;

    private OutputTally(KafkaConsumer<String, byte[]> consumer, TopicNames topics) {
        this.consumer = consumer;
        this.topics = topics;
    }

    static OutputTally open(String bootstrapServers, TopicNames topics, IsolationLevel isolation) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        isolation.toString().toLowerCase(Locale.ROOT)),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(topics.output(), topics.deadLetter())) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new OutputTally(consumer, topics);
    }

    /** Reads what arrived since the last call, waiting at most 50 ms; returns how many reconstructions that was. */
    int poll() {
        return poll(POLL);
    }

    /** Reads what arrived since the last call, waiting at most {@code timeout} for something to arrive. */
    int poll(Duration timeout) {
        int arrived = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.topic().equals(topics.output())) {
                Reconstruction reconstruction = json.deserialize(record.topic(), record.value());
                reconstructionsPerId.merge(reconstruction.id(), 1, Integer::sum);
                if (marked) {
                    firstAfterMark.putIfAbsent(record.partition(), System.nanoTime());
                }
                reconstructions++;
                arrived++;
            } else {
                deadLetterKeys.add(record.key());
            }
        }
        if (arrived > 0) {
            lastArrivalNanos = System.nanoTime();
        }
        return arrived;
    }

    /** Polls until {@code ids} distinct images have come out or {@code timeout} has passed. */
    boolean awaitDistinct(int ids, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (distinct() < ids && System.nanoTime() < deadline) {
            poll();
        }
        return distinct() >= ids;
    }

    /** Reads until nothing more arrives for {@code quiet}: what the topic holds now, all of it. */
    void drain(Duration quiet) {
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < quiet.toNanos()) {
            if (poll() > 0) {
                quietSince = System.nanoTime();
            }
        }
    }

    /** Distinct image ids with a reconstruction. */
    int distinct() {
        return reconstructionsPerId.size();
    }

    /** Every reconstruction read, duplicates included. */
    long reconstructions() {
        return reconstructions;
    }

    /** Reconstructions beyond the first of each id. */
    long duplicates() {
        return reconstructions - reconstructionsPerId.size();
    }

    Map<String, Integer> reconstructionsPerId() {
        return Map.copyOf(reconstructionsPerId);
    }

    List<String> deadLetterKeys() {
        return List.copyOf(deadLetterKeys);
    }

    /**
     * From now on, notes when the first reconstruction of each output partition arrives: after a kill, when the
     * partitions of the killed instance flow again (the output is keyed by image id as the input, so an output
     * partition is an input partition).
     */
    void mark(long nanos) {
        poll(Duration.ZERO);
        markNanos = nanos;
        marked = true;
        firstAfterMark.clear();
    }

    /** Seconds from the mark to the first reconstruction of each output partition read since. */
    Map<Integer, Double> secondsToFirstAfterMark() {
        Map<Integer, Double> seconds = new java.util.TreeMap<>();
        firstAfterMark.forEach((partition, nanos) -> seconds.put(partition, (nanos - markNanos) / 1e9));
        return seconds;
    }

    long lastArrivalNanos() {
        return lastArrivalNanos;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
