package io.denoiser.stream.reliability;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The project's image (the Dockerfile's stream-app stage, built here) in a container with docker-compose's memory
 * limit, swap included, so the kernel would kill it where the JVM's bounds are wrong; where Docker runs, skipped
 * without it. The twin without Docker is {@link LargeImagesUnderMemoryLimitIT}.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerLargeImagesUnderMemoryLimitIT extends AbstractLargeImagesIT {

    private static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.4.0");
    private static final String KAFKA_LISTENER = "kafka:19092";
    private static final Network NETWORK = Network.newNetwork();

    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer(KAFKA_IMAGE)
            .withNetwork(NETWORK)
            .withNetworkAliases("kafka")
            .withListener(KAFKA_LISTENER);

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }

    @Override
    protected void createTopics(int partitions, String... names) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(Arrays.stream(names)
                            .map(name -> new NewTopic(name, partitions, (short) 1))
                            .toList())
                    .all()
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create topics " + Arrays.toString(names) + ": " + e, e);
        }
    }

    @Override
    protected String limitDescription() {
        return "container, mem_limit " + DeployedMemory.composeMemoryLimit();
    }

    @Override
    @SuppressWarnings("resource") // closed by the returned RunningApp
    protected RunningApp start(Map<String, String> settings, String run) {
        long limit = DeployedMemory.bytes(DeployedMemory.composeMemoryLimit());
        GenericContainer<?> app = new GenericContainer<>(
                        new ImageFromDockerfile("denoiser/stream-app:large-images", false)
                                .withFileFromPath(".", DeployedMemory.projectRoot())
                                .withTarget("stream-app"))
                .withNetwork(NETWORK)
                .withEnv("DENOISER_BOOTSTRAP_SERVERS", KAFKA_LISTENER)
                .withEnv("DENOISER_STATE_DIR", "/tmp/denoiser-state")
                .withCreateContainerCmdModifier(
                        command -> command.getHostConfig().withMemory(limit).withMemorySwap(limit))
                .waitingFor(Wait.forLogMessage(".*Kafka Streams \\w+ -> RUNNING.*", 1)
                        .withStartupTimeout(Duration.ofMinutes(3)));
        settings.forEach((key, value) ->
                app.withEnv("DENOISER_" + key.toUpperCase(Locale.ROOT).replace('.', '_'), value));
        app.start();
        return new RunningApp() {
            @Override
            public boolean isAlive() {
                return app.isRunning();
            }

            @Override
            public String log() {
                return app.getLogs();
            }

            @Override
            public OptionalLong peakResidentBytes() {
                return OptionalLong.empty();
            }

            @Override
            public void close() {
                app.stop();
            }
        };
    }
}
