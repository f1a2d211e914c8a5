package io.denoiser.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Future;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.containers.wait.strategy.WaitStrategy;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The denoiser's Docker image as a Testcontainers module, for tests that run the service as it is deployed:
 *
 * <pre>{@code
 * static KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0");
 * static DenoiserContainer denoiser = new DenoiserContainer().withKafka(kafka).withBatching(8, 10);
 * }</pre>
 *
 * Build the image first from the project's root: {@code docker build --target stream-app -t
 * denoiser/stream-app:0.1.0-SNAPSHOT .}. The app serves the model baked into the image ({@code models/default})
 * unless {@link #withModel} copies another in, and reads {@code images.noisy}, writes {@code images.denoised}
 * and {@code images.dlq} unless {@link #withTopics} names others; the topics must exist before it starts.
 * It counts as started once the app is ready: its {@code /health/ready} answers 200 (Kafka Streams RUNNING, the model
 * loaded, a broker answering) on the HTTP port, which is exposed ({@link #httpUrl()}: the live page, {@code /metrics}).
 */
public class DenoiserContainer extends GenericContainer<DenoiserContainer> {

    /** The image {@code docker build --target stream-app} makes, tagged with the kit's version. */
    public static final DockerImageName DEFAULT_IMAGE = DockerImageName.parse("denoiser/stream-app:0.1.0-SNAPSHOT");

    static final String KAFKA_ALIAS = "kafka";
    static final String KAFKA_LISTENER = KAFKA_ALIAS + ":19092";
    static final String MODEL_DIR = "/models/under-test";
    /** The app's HTTP port in the image (http.port): health, metrics, the live page. */
    public static final int HTTP_PORT = 8080;

    static final String READINESS = "/health/ready";

    public DenoiserContainer() {
        this(DEFAULT_IMAGE);
    }

    public DenoiserContainer(DockerImageName image) {
        super(image);
        configure(this);
    }

    /** A container of the image built from the project's Dockerfile in {@code projectRoot} (stage stream-app). */
    public static DenoiserContainer builtFrom(Path projectRoot) {
        return new DenoiserContainer(new ImageFromDockerfile(DEFAULT_IMAGE.asCanonicalNameString(), false)
                .withFileFromPath(".", projectRoot)
                .withTarget("stream-app"));
    }

    private DenoiserContainer(Future<String> image) {
        super(image);
        configure(this);
    }

    /** A state folder the image's user may write, the HTTP port exposed, and started once the app is ready. */
    private static void configure(DenoiserContainer container) {
        container.withEnv("DENOISER_STATE_DIR", "/tmp/denoiser-state");
        container.withEnv("DENOISER_HTTP_HOST", "0.0.0.0");
        container.withEnv("DENOISER_HTTP_PORT", Integer.toString(HTTP_PORT));
        container.withExposedPorts(HTTP_PORT);
        container.waitingFor(Wait.forHttp(READINESS)
                .forPort(HTTP_PORT)
                .forStatusCode(200)
                .withStartupTimeout(Duration.ofMinutes(2)));
    }

    /** How it decides that the app has started (for tests of this class). */
    WaitStrategy readiness() {
        return getWaitStrategy();
    }

    /** Where the running app's HTTP server answers from the host, e.g. {@code http://localhost:32768/}. */
    public String httpUrl() {
        return "http://" + getHost() + ":" + getMappedPort(HTTP_PORT) + "/";
    }

    /**
     * Connects to a Kafka container: both join one network, the broker gets a listener there, and the denoiser
     * starts after it. Call before either starts.
     */
    public DenoiserContainer withKafka(KafkaContainer kafka) {
        Network network = kafka.getNetwork() != null ? kafka.getNetwork() : Network.newNetwork();
        kafka.withNetwork(network).withNetworkAliases(KAFKA_ALIAS).withListener(KAFKA_LISTENER);
        return withKafka(network, KAFKA_LISTENER).dependsOn(kafka);
    }

    /** Connects to a broker reachable on {@code network} at {@code bootstrapServers}. */
    public DenoiserContainer withKafka(Network network, String bootstrapServers) {
        return withNetwork(Objects.requireNonNull(network, "network"))
                .withEnv("DENOISER_BOOTSTRAP_SERVERS", Objects.requireNonNull(bootstrapServers, "bootstrapServers"));
    }

    /** Serves the model artifact in this folder of the host instead of the image's default model. */
    public DenoiserContainer withModel(Path modelFolder) {
        return withCopyFileToContainer(MountableFile.forHostPath(modelFolder), MODEL_DIR)
                .withEnv("DENOISER_MODEL_DIR", MODEL_DIR);
    }

    /** Denoises up to {@code maxBatchSize} images per model call, waiting at most {@code maxDelayMs} for a batch. */
    public DenoiserContainer withBatching(int maxBatchSize, long maxDelayMs) {
        return withEnv("DENOISER_MAX_BATCH_SIZE", Integer.toString(maxBatchSize))
                .withEnv("DENOISER_MAX_BATCH_DELAY_MS", Long.toString(maxDelayMs));
    }

    /** Reads noisy images from {@code input}, writes reconstructions to {@code output}, dead letters to the third. */
    public DenoiserContainer withTopics(String input, String output, String deadLetter) {
        return withEnv("DENOISER_INPUT_TOPIC", input)
                .withEnv("DENOISER_OUTPUT_TOPIC", output)
                .withEnv("DENOISER_DEAD_LETTER_TOPIC", deadLetter);
    }
}
