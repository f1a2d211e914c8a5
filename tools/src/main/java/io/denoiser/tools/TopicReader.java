package io.denoiser.tools;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every partition of some topics, without a consumer group (nothing to rebalance, no offsets
 * left behind in the user's cluster), from the beginning or from the end. Each record comes with the
 * wall-clock time it was received, for end-to-end latency.
 *
 * <p>It reads {@code read_committed} unless the client properties say otherwise: an app under
 * {@code exactly_once_v2} aborts its open transaction whenever it crashes or fails over, and the aborted
 * records stay in the topic, where Kafka's default {@code read_uncommitted} would show them as duplicates.
 * On a topic written without transactions both levels read the same records.
 */
public final class TopicReader implements AutoCloseable {

    /** Where reading starts. */
    public enum StartAt {
        EARLIEST,
        LATEST
    }

    /** A record as read, value still bytes. */
    public record Received(ConsumerRecord<String, byte[]> record, long receivedAtMillis) {}

    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaConsumer<String, byte[]> consumer;

    private TopicReader(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Opens a reader of every partition of {@code topics}, positioned at their beginning or at their end.
     *
     * @throws ToolException when a topic does not exist
     */
    public static TopicReader open(Map<String, Object> clientProperties, List<String> topics, StartAt startAt) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "denoiser-consume");
        properties.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
        properties.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new ToolException("topic " + topic + " does not exist on "
                            + properties.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG));
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            if (startAt == StartAt.EARLIEST) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position); // fix the end now, before anything new is published
            }
            return new TopicReader(consumer);
        } catch (RuntimeException e) {
            consumer.close();
            throw e;
        }
    }

    /** What arrived since the last call, waiting at most {@code timeout} for the first record. */
    public List<Received> poll(Duration timeout) {
        List<Received> received = new ArrayList<>();
        var records = consumer.poll(timeout);
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
            received.add(new Received(record, now));
        }
        return received;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
