package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.AppProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/**
 * The embedded-broker twin of {@link ContainerLargeImagesUnderMemoryLimitIT}: the app as its own OS process with the
 * Dockerfile's {@code JAVA_OPTS} and {@code -XX:MaxRAM} set to docker-compose's {@code mem_limit}, so the JVM sizes
 * its heap, direct buffers and JavaCPP's bounds as in the container. No cgroup here, so the limit itself is checked
 * from outside: the process's peak resident size ({@code VmHWM}) must stay below it.
 */
class LargeImagesUnderMemoryLimitIT extends AbstractLargeImagesIT {

    private static EmbeddedKafkaBroker broker;
    private final List<String> jvm = DeployedMemory.jvmOptionsUnderTheLimit();
    private AppProcess last;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void peakWithinTheLimit() {
        if (last != null) {
            long limit = DeployedMemory.bytes(DeployedMemory.composeMemoryLimit());
            assertThat(ProcessMemory.peakResidentBytesSeen(last.pid()))
                    .as("peak resident size within docker-compose's mem_limit")
                    .isLessThan(limit);
        }
    }

    @Override
    protected String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    protected void createTopics(int partitions, String... names) {
        broker.createTopics(partitions, names);
    }

    @Override
    protected String limitDescription() {
        return "own process, " + String.join(" ", jvm);
    }

    @Override
    protected RunningApp start(Map<String, String> appSettings, String run) {
        Path dir = RunFolder.of("large-images", run);
        TopicNames topics = new TopicNames(
                appSettings.get("input.topic"), appSettings.get("output.topic"), appSettings.get("dead.letter.topic"));
        Map<String, String> settings = AppSettings.of(
                broker.bootstrapServers(), appSettings.get("application.id"), topics, dir.resolve("state"));
        settings.putAll(appSettings);
        AppProcess app = AppProcess.start("app", settings, dir, jvm);
        last = app;
        app.awaitRunning(1, Duration.ofMinutes(2));
        return new RunningApp() {
            @Override
            public boolean isAlive() {
                return app.isAlive();
            }

            @Override
            public String log() {
                return app.tail(100_000);
            }

            @Override
            public OptionalLong peakResidentBytes() {
                return app.isAlive()
                        ? OptionalLong.of(ProcessMemory.peakResidentBytesSeen(app.pid()))
                        : OptionalLong.empty();
            }

            @Override
            public void close() {
                ProcessMemory.peakResidentBytesSeen(app.pid());
                app.close();
            }
        };
    }
}
