package io.denoiser.tools;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.testkit.NoisyRecords;
import io.denoiser.testkit.SourceImage;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes noisy-image records (JSON, keyed by id) to a topic at a chosen rate. */
public final class RecordPublisher implements AutoCloseable {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final Serializer<NoisyImage> json = RecordSerdes.noisyImage().serializer();

    private RecordPublisher(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Opens a producer for {@code topic}, with the user's client settings.
     *
     * @param clientProperties the user's client settings; a short linger and lz4 compression unless they say
     *                         otherwise (base64 grey levels compress well, and batches make the broker's job cheap)
     */
    public static RecordPublisher open(Map<String, Object> clientProperties, String topic) {
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        properties.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "denoiser-publish");
        // an unreachable broker or a missing topic should fail in seconds, not after the default minute
        properties.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        return new RecordPublisher(
                new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer()), topic);
    }

    /** What was sent: images, seconds from the first send to the last acknowledgement. */
    public record Summary(long images, double seconds) {
        public double perSecond() {
            return images / Math.max(seconds, 1e-9);
        }
    }

    /**
     * Sends one record per image, image {@code i} stamped with the time it is sent, and waits for every
     * acknowledgement.
     *
     * @throws ToolException when the broker refused a record (after the producer's own retries)
     */
    public Summary publish(List<SourceImage> images, NoisyRecords records, Pacer pacer, IntConsumer sentSoFar) {
        return send(
                images.size(),
                i -> {
                    NoisyImage record = records.record(images.get(i), i, System.currentTimeMillis());
                    return new ProducerRecord<>(topic, record.id(), json.serialize(topic, record));
                },
                pacer,
                sentSoFar);
    }

    /**
     * Sends records whose values are already serialised; Kafka stamps each with its send time, which the
     * app takes as the image's timestamp when the record has none. What a benchmark uses, so that making
     * records does not count as sending them.
     */
    public Summary publishPrepared(List<PreparedRecord> prepared, Pacer pacer, IntConsumer sentSoFar) {
        return send(
                prepared.size(),
                i -> new ProducerRecord<>(
                        topic, prepared.get(i).key(), prepared.get(i).value()),
                pacer,
                sentSoFar);
    }

    /** A record's key and serialised value. */
    // the array is the point: values go to the producer uncopied; records are never compared
    @SuppressWarnings("ArrayRecordComponent")
    public record PreparedRecord(String key, byte[] value) {}

    /** Serialises a noisy image without a timestamp, for {@link #publishPrepared}. */
    public PreparedRecord prepare(NoisyImage image) {
        return new PreparedRecord(image.id(), json.serialize(topic, image));
    }

    private Summary send(
            int count, IntFunction<ProducerRecord<String, byte[]>> recordAt, Pacer pacer, IntConsumer sentSoFar) {
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        for (int i = 0; i < count && firstFailure.get() == null; i++) {
            pacer.awaitTurn(i);
            // the callback observes each send's outcome, and flush() below waits for all of them
            Future<RecordMetadata> unusedAck = producer.send(recordAt.apply(i), (metadata, error) -> {
                if (error != null) {
                    firstFailure.compareAndSet(null, error);
                } else {
                    acknowledged.incrementAndGet();
                }
            });
            sentSoFar.accept(i + 1);
        }
        producer.flush();
        if (firstFailure.get() != null) {
            throw new ToolException(
                    String.format(
                            Locale.ROOT,
                            "publishing to %s failed after %,d images: %s",
                            topic,
                            acknowledged.get(),
                            firstFailure.get().getMessage()),
                    firstFailure.get());
        }
        return new Summary(acknowledged.get(), (System.nanoTime() - start) / 1e9);
    }

    /**
     * Sends one record as it is, bytes and all, and waits for its acknowledgement: what the demo uses to show a
     * dead letter.
     *
     * @throws ToolException when the broker refused the record (after the producer's own retries)
     */
    public void sendRaw(String key, byte[] value) {
        Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, key, value));
        producer.flush();
        try {
            ack.get();
        } catch (ExecutionException e) {
            throw new ToolException(
                    "publishing the record " + key + " to " + topic + " failed: "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while publishing the record " + key + " to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close(CLOSE_TIMEOUT);
    }
}
