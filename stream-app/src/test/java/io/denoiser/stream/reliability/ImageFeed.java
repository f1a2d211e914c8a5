package io.denoiser.stream.reliability;

import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.fixtures.TestData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes noisy images to the input topic at a steady rate from a thread of its own, the way a camera or an
 * upstream service would, whatever happens to the app meanwhile. The producer is idempotent with {@code acks=all}
 * and waits up to five minutes for a broker, so that an image acknowledged is an image the app must denoise, and a
 * broker outage delays images rather than losing them.
 */
final class ImageFeed implements AutoCloseable {

    private static final Duration BROKER_WAIT = Duration.ofMinutes(5);

    private final KafkaProducer<String, byte[]> producer;
    private final Thread thread;
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean stopped;

    private ImageFeed(String bootstrapServers, String topic, List<NoisyImage> images, double perSecond) {
        this.producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        (int) BROKER_WAIT.toMillis(),
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        30_000,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        BROKER_WAIT.toMillis()),
                new StringSerializer(),
                new ByteArraySerializer());
        this.thread = new Thread(() -> publish(topic, images, perSecond), "image-feed");
        thread.setDaemon(true);
    }

    /** A feed of {@code images} in order, {@code perSecond} of them each second (0: as fast as it can) once started. */
    static ImageFeed open(String bootstrapServers, String topic, List<NoisyImage> images, double perSecond) {
        return new ImageFeed(bootstrapServers, topic, images, perSecond);
    }

    /** Starts publishing; returns at once. */
    ImageFeed start() {
        thread.start();
        return this;
    }

    /** Images the broker has acknowledged. */
    int acknowledged() {
        return acknowledged.get();
    }

    /**
     * Waits until every image is published and acknowledged.
     *
     * @throws AssertionError when the broker refused one, or not all were acknowledged in time
     */
    void awaitAllAcknowledged(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        producer.flush();
        if (failure.get() != null) {
            throw new AssertionError("the broker refused an image", failure.get());
        }
        if (thread.isAlive()) {
            throw new AssertionError("still publishing after " + timeout + ": " + acknowledged() + " acknowledged");
        }
    }

    @Override
    public void close() {
        stopped = true;
        if (thread.getState() == Thread.State.NEW) {
            producer.close(Duration.ofSeconds(5));
            return;
        }
        try {
            thread.join(BROKER_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Image {@code i} goes {@code i / perSecond} seconds after the first: a slow moment is caught up. */
    private void publish(String topic, List<NoisyImage> images, double perSecond) {
        long start = System.nanoTime();
        for (int i = 0; i < images.size() && !stopped; i++) {
            long due = start + (long) (i * 1e9 / perSecond);
            for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
                LockSupport.parkNanos(due - now);
            }
            NoisyImage image = images.get(i);
            // the callback reports the outcome
            Future<RecordMetadata> unusedAck = producer.send(
                    new ProducerRecord<>(topic, image.id(), TestData.json(image)), (metadata, exception) -> {
                        if (exception != null) {
                            failure.compareAndSet(null, exception);
                        } else {
                            acknowledged.incrementAndGet();
                        }
                    });
        }
        producer.flush();
    }
}
