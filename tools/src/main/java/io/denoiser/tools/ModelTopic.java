package io.denoiser.tools;

import io.denoiser.stream.models.ModelControlRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tools' side of the models control topic ({@link ModelControlRecords}): creates it when missing, reads it whole,
 * and writes artifact and pointer records, each acknowledged by all in-sync replicas.
 */
public final class ModelTopic {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> client;
    private final String topic;

    public ModelTopic(Map<String, Object> client, String topic) {
        this.client = Map.copyOf(client);
        this.topic = topic;
    }

    public String name() {
        return topic;
    }

    /** What the topic holds: the versions (with their artifact record's size), in order, and the pointer. */
    public record Contents(Map<String, Integer> versions, Optional<ModelControlRecords.Pointer> pointer) {}

    /** Creates the topic as the app does, when it is missing. */
    public void ensureExists() {
        try (Admin admin = Admin.create(client)) {
            admin.createTopics(List.of(ModelControlRecords.newTopic(topic)))
                    .all()
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ToolException("cannot create the models topic " + topic + ": "
                        + e.getCause().getMessage());
            }
        } catch (TimeoutException e) {
            throw new ToolException("no answer from Kafka within " + TIMEOUT.toSeconds() + " s creating " + topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }

    /** Reads the topic from the beginning to its end. */
    public Contents read() {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ModelControlRecords.MAX_RECORD_BYTES);
        Map<String, Integer> versions = new LinkedHashMap<>();
        ModelControlRecords.Pointer pointer = null;
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            if (partitions.isEmpty()) {
                return new Contents(versions, Optional.empty());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!atEnd(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new ToolException(
                            "could not read " + topic + " to its end within " + TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String key = record.key() == null ? "" : record.key();
                    if (key.equals(ModelControlRecords.POINTER_KEY)) {
                        pointer = record.value() == null ? null : ModelControlRecords.Pointer.fromBytes(record.value());
                    } else if (key.startsWith(ModelControlRecords.ARTIFACT_KEY_PREFIX)) {
                        String version = key.substring(ModelControlRecords.ARTIFACT_KEY_PREFIX.length());
                        versions.remove(version); // a republished version moves to the end
                        if (record.value() != null) {
                            versions.put(version, record.value().length);
                        }
                    }
                }
            }
        }
        return new Contents(versions, Optional.ofNullable(pointer));
    }

    /** Writes the artifact record of {@code version} (when given) and then the pointer. */
    public void write(Optional<byte[]> artifact, ModelControlRecords.Pointer pointer) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, ModelControlRecords.MAX_RECORD_BYTES);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            if (artifact.isPresent()) {
                send(producer, ModelControlRecords.artifactKey(pointer.version()), artifact.get());
            }
            send(producer, ModelControlRecords.POINTER_KEY, pointer.toBytes());
        }
    }

    private void send(KafkaProducer<String, byte[]> producer, String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, 0, key, value)).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ToolException(
                    "cannot write " + key + " to " + topic + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            throw new ToolException("no answer from Kafka within " + TIMEOUT.toSeconds() + " s writing " + key);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted");
        }
    }

    private static boolean atEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }
}
