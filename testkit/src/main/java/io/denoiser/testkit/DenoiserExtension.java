package io.denoiser.testkit;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.config.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The denoiser, running in-process for each test, for tests of pipelines built on it. Register it as a static
 * field:
 *
 * <pre>{@code
 * @RegisterExtension static DenoiserExtension denoiser = DenoiserExtension.embedded();
 * // or, against any broker, e.g. a Testcontainers KafkaContainer:
 * @RegisterExtension static DenoiserExtension denoiser = DenoiserExtension.forBootstrapServers(kafka::getBootstrapServers);
 * }</pre>
 *
 * Embedded, a real one-node KRaft broker starts once per test class (in a few seconds). Each test gets topics
 * of its own ({@link #topics()}), so tests never see each other's images, and an app of its own on them,
 * started before the test and closed after it, with the kit's default model unless {@link #withModel} names
 * another. The test publishes images ({@link #publish}), waits for what comes out
 * ({@link #awaitReconstruction}, {@link #awaitDeadLetter}) and checks it, e.g. with
 * {@link DenoiserAssertions#assertThat(Reconstruction)}.
 *
 * <p>Registered as an instance field instead, it starts a broker for every test. Not for parallel test
 * execution within one class.
 */
public final class DenoiserExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Supplier<String> externalBootstrapServers;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path model;
    private int partitions = 2;
    private NoiseSpec noise = NoiseSpec.DEFAULT;
    private Duration timeout = Duration.ofSeconds(60);

    private EmbeddedKafkaBroker broker;
    private boolean brokerPerTest;
    private TestRun run;

    private DenoiserExtension(Supplier<String> externalBootstrapServers) {
        this.externalBootstrapServers = externalBootstrapServers;
    }

    /** The denoiser and a Kafka broker of its own, in this JVM. */
    public static DenoiserExtension embedded() {
        return new DenoiserExtension(null);
    }

    /** The denoiser in this JVM, against the broker at these bootstrap servers, asked for when each test starts. */
    public static DenoiserExtension forBootstrapServers(Supplier<String> bootstrapServers) {
        return new DenoiserExtension(Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
    }

    /** Serves this model artifact folder instead of the kit's default model. */
    public DenoiserExtension withModel(Path modelFolder) {
        this.model = Objects.requireNonNull(modelFolder, "modelFolder");
        return this;
    }

    /** Denoises up to {@code maxBatchSize} images per model call, waiting at most {@code maxDelayMs} for a batch. */
    public DenoiserExtension withBatching(int maxBatchSize, long maxDelayMs) {
        settings.put("max.batch.size", Integer.toString(maxBatchSize));
        settings.put("max.batch.delay.ms", Long.toString(maxDelayMs));
        return this;
    }

    /** Any setting of the app (README, "Settings"), e.g. {@code processing.guarantee}. */
    public DenoiserExtension withSetting(String key, String value) {
        settings.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** Partitions of each test's topics; 2 unless set. */
    public DenoiserExtension withPartitions(int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        this.partitions = partitions;
        return this;
    }

    /** The noise {@link #publish} adds to clean images; Gaussian 0.5, clipped, unless set. */
    public DenoiserExtension withNoise(NoiseSpec noise) {
        this.noise = Objects.requireNonNull(noise, "noise");
        return this;
    }

    /** How long the {@code await} methods wait; 60 s unless set. */
    public DenoiserExtension withTimeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (externalBootstrapServers == null) {
            broker = EmbeddedKafkaBroker.start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (externalBootstrapServers == null && broker == null) {
            broker = EmbeddedKafkaBroker.start();
            brokerPerTest = true;
        }
        Path modelFolder = model == null ? ShippedFiles.defaultModel() : model;
        run = TestRun.start(bootstrapServersNow(), partitions, modelFolder, settings, noise, timeout);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            if (run != null) {
                run.close();
            }
        } finally {
            run = null;
            if (brokerPerTest) {
                closeBroker();
            }
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeBroker();
    }

    /** The broker the denoiser and the test use. */
    public String bootstrapServers() {
        return bootstrapServersNow();
    }

    /** This test's topics: noisy images in, reconstructions and dead letters out. */
    public TopicNames topics() {
        return current().client().topics();
    }

    /** The version of the model that serves, as every reconstruction states it. */
    public String modelVersion() {
        return current().modelVersion();
    }

    /** Adds the noise to a clean image and publishes it under {@code id}, the clean image as its reference. */
    public NoisyImage publish(String id, GrayImage clean) {
        return current().client().publish(id, clean);
    }

    /** Publishes each clean image with noise, as {@code image-0}, {@code image-1}, ... in order. */
    public List<NoisyImage> publishAll(List<GrayImage> clean) {
        return current().client().publishAll(clean);
    }

    /** The client the extension's methods delegate to, for what they do not cover. */
    public DenoiserClient client() {
        return current().client();
    }

    /** Publishes an image that is noisy already, as it is, without a reference. */
    public NoisyImage publishAsIs(String id, GrayImage noisy) {
        return current().client().publishAsIs(id, noisy);
    }

    /** Publishes any bytes as a record value, e.g. to see what becomes of a malformed record. */
    public void publishRaw(String key, byte[] value) {
        current().client().publishRaw(key, value);
    }

    /** Waits for the reconstruction of image {@code id} and returns it. */
    public Reconstruction awaitReconstruction(String id) {
        return current().client().awaitReconstruction(id);
    }

    /** Waits until at least {@code count} reconstructions have arrived and returns all of them. */
    public List<Reconstruction> awaitReconstructions(int count) {
        return current().client().awaitReconstructions(count);
    }

    /** Waits for the dead letter of the record published under {@code key} and returns it. */
    public DeadLetter awaitDeadLetter(String key) {
        return current().client().awaitDeadLetter(key);
    }

    /** The reconstructions received so far, in order of arrival per partition. */
    public List<Reconstruction> reconstructions() {
        return current().client().reconstructions();
    }

    /** The dead letters received so far. */
    public List<DeadLetter> deadLetters() {
        return current().client().deadLetters();
    }

    private String bootstrapServersNow() {
        return externalBootstrapServers == null ? broker.bootstrapServers() : externalBootstrapServers.get();
    }

    private TestRun current() {
        if (run == null) {
            throw new IllegalStateException("the denoiser runs only during a test: register DenoiserExtension with"
                    + " @RegisterExtension and call it from a test method");
        }
        return run;
    }

    private void closeBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
            brokerPerTest = false;
        }
    }
}
