package io.denoiser.stream.reliability;

import io.denoiser.stream.batching.DenoiseBatcherSupplier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the batch buffer holds, as its changelog tells it from outside: an entry written and not yet deleted is an
 * image buffered at a commit (the store's cache writes the changelog out before each commit) and not yet flushed as
 * far as the changelog knows. Read {@code read_uncommitted}, so the writes of an open transaction count too. Not
 * thread-safe: one thread polls.
 */
final class BufferChangelog implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> live = new HashSet<>();
    private long writes;

    private BufferChangelog(KafkaConsumer<String, byte[]> consumer) {
        this.consumer = consumer;
    }

    /** The changelog of {@code applicationId}'s buffer; it exists once the app has run. */
    static BufferChangelog open(String bootstrapServers, String applicationId) {
        String topic = applicationId + "-" + DenoiseBatcherSupplier.STORE_NAME + "-changelog";
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("no changelog topic " + topic + ": the app has not run yet");
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new BufferChangelog(consumer);
    }

    /** Reads what was written since the last call; returns how many entries were written (not deleted). */
    int poll(Duration timeout) {
        int written = 0;
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            // a key is the image's input partition and offset (BufferKey): unique across the changelog's partitions
            if (record.value() == null) {
                live.remove(record.key());
            } else {
                live.add(record.key());
                written++;
            }
        }
        writes += written;
        return written;
    }

    /** Entries written and not deleted: images buffered at a commit and not known to be flushed. */
    int live() {
        return live.size();
    }

    long writes() {
        return writes;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
