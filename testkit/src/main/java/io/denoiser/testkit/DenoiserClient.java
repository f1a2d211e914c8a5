package io.denoiser.testkit;

import static org.awaitility.Awaitility.await;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.stream.config.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's side of a running denoiser, wherever it runs (in this JVM through {@link DenoiserExtension}, or in
 * a {@link DenoiserContainer}): publishes images to its input topic and waits for what comes out of its output
 * and dead-letter topics, reading both from the beginning, committed records only. For the test's thread.
 */
public final class DenoiserClient implements AutoCloseable {

    private static final NoisyRecords AS_IS = new NoisyRecords(new NoiseSpec(NoiseSpec.Kind.NONE, 0), 0);
    private static final long NOISE_SEED = 2026;

    private final TopicNames topics;
    private final NoisyRecords noisyRecords;
    private final Duration timeout;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicRecords<Reconstruction> reconstructions;
    private final TopicRecords<DeadLetter> deadLetters;
    private int published;

    /**
     * @param noise   what {@link #publish} adds to clean images
     * @param timeout how long the {@code await} methods wait
     */
    public DenoiserClient(String bootstrapServers, TopicNames topics, NoiseSpec noise, Duration timeout) {
        this.topics = Objects.requireNonNull(topics, "topics");
        this.noisyRecords = new NoisyRecords(noise, NOISE_SEED);
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                new ByteArraySerializer());
        this.reconstructions = new TopicRecords<>(
                bootstrapServers, topics.output(), RecordSerdes.reconstruction().deserializer());
        this.deadLetters = new TopicRecords<>(
                bootstrapServers, topics.deadLetter(), RecordSerdes.deadLetter().deserializer());
    }

    /** A client of the default topics, adding Gaussian noise of 0.5, waiting up to a minute. */
    public static DenoiserClient connect(String bootstrapServers) {
        return new DenoiserClient(bootstrapServers, TopicNames.DEFAULT, NoiseSpec.DEFAULT, Duration.ofMinutes(1));
    }

    public TopicNames topics() {
        return topics;
    }

    /** Adds the noise to a clean image and publishes it under {@code id}, the clean image as its reference. */
    public NoisyImage publish(String id, GrayImage clean) {
        NoisyImage record = noisyRecords.record(new SourceImage(id, clean), published++, null);
        send(id, RecordSerdes.noisyImage().serializer().serialize(topics.input(), record));
        return record;
    }

    /** Publishes each clean image with noise, as {@code image-0}, {@code image-1}, ... in order. */
    public List<NoisyImage> publishAll(List<GrayImage> clean) {
        List<NoisyImage> sent = new ArrayList<>(clean.size());
        for (int i = 0; i < clean.size(); i++) {
            sent.add(publish("image-" + i, clean.get(i)));
        }
        return sent;
    }

    /** Publishes an image that is noisy already, as it is, without a reference. */
    public NoisyImage publishAsIs(String id, GrayImage noisy) {
        NoisyImage record = AS_IS.record(new SourceImage(id, noisy), published++, null);
        send(id, RecordSerdes.noisyImage().serializer().serialize(topics.input(), record));
        return record;
    }

    /** Publishes any bytes as a record value, e.g. to see what becomes of a malformed record. */
    public void publishRaw(String key, byte[] value) {
        send(key, value);
    }

    /** Waits for the reconstruction of image {@code id} and returns it. */
    public Reconstruction awaitReconstruction(String id) {
        return awaitFirst(reconstructions, record -> id.equals(record.key()), "the reconstruction of " + id)
                .value();
    }

    /** Waits until at least {@code count} reconstructions have arrived and returns all of them. */
    public List<Reconstruction> awaitReconstructions(int count) {
        await(count + " reconstructions")
                .atMost(timeout)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .until(() -> reconstructions.poll().size() >= count);
        return reconstructions();
    }

    /** Waits for the dead letter of the record published under {@code key} and returns it. */
    public DeadLetter awaitDeadLetter(String key) {
        return awaitFirst(deadLetters, record -> key.equals(record.key()), "a dead letter for " + key)
                .value();
    }

    /** The reconstructions received so far. */
    public List<Reconstruction> reconstructions() {
        return reconstructions.poll().stream().map(ConsumerRecord::value).toList();
    }

    /** The dead letters received so far. */
    public List<DeadLetter> deadLetters() {
        return deadLetters.poll().stream().map(ConsumerRecord::value).toList();
    }

    @Override
    public void close() {
        try (producer;
                reconstructions;
                deadLetters) {
            // closes all three
        }
    }

    private <V> ConsumerRecord<String, V> awaitFirst(
            TopicRecords<V> records, Predicate<ConsumerRecord<String, V>> wanted, String what) {
        AtomicReference<ConsumerRecord<String, V>> found = new AtomicReference<>();
        await(what)
                .atMost(timeout)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Optional<ConsumerRecord<String, V>> match =
                            records.poll().stream().filter(wanted).findFirst();
                    match.ifPresent(found::set);
                    return match.isPresent();
                });
        return found.get();
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topics.input(), key, value))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot publish " + key + " to " + topics.input() + ": " + e, e);
        }
    }
}
