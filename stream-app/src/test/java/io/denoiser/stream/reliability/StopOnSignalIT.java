package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.AppProcess;
import io.denoiser.stream.fixtures.ClosedPort;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SIGTERM, as a supervisor or {@code docker stop} sends it, to the app as its own OS process: it closes cleanly and
 * exits with 0, the status the README documents for a stop on request (the JVM's own handling would exit with 143).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS) // a hang guard; the tests wait on conditions
class StopOnSignalIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final int IMAGES = 40;

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldExitWithZeroAfterCommittingItsWorkWhenSentSigterm() throws Exception {
        // given: a running app that has denoised every image published
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        broker.createTopics(1, topics.input(), topics.output(), topics.deadLetter());
        String applicationId = "denoiser-sigterm-" + run;
        Path dir = RunFolder.of("sigterm", run);
        List<NoisyImage> images = NoisyMnist.withReferences(IMAGES, 7);
        try (AppProcess app = AppProcess.start(
                        "app",
                        AppSettings.of(broker.bootstrapServers(), applicationId, topics, dir.resolve("state")),
                        dir);
                ImageFeed feed = ImageFeed.open(broker.bootstrapServers(), topics.input(), images, 0);
                OutputTally outputs =
                        OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_COMMITTED)) {
            app.awaitRunning(1, START);
            feed.start().awaitAllAcknowledged(STOP);
            assertThat(outputs.awaitDistinct(IMAGES, START)).isTrue();

            // when
            int status = app.terminate(STOP);

            // then
            assertThat(status).as(app.tail(20)).isZero();
            assertThat(app.tail(20)).contains("SIGTERM received: stopping").contains("StreamAppLifecycle - stopped");
            assertThat(committedInputOffsets(applicationId, topics.input()))
                    .as("the close commits the input offsets: a restart replays nothing")
                    .isEqualTo(IMAGES);
        }
    }

    @Test
    void shouldExitWithZeroWhenSentSigtermWhileWaitingForTheBroker() {
        // given: an app waiting for a broker that is not there
        String run = PipelineTopics.newRun();
        Path dir = RunFolder.of("sigterm-starting", run);
        Map<String, String> settings = AppSettings.of(
                ClosedPort.nowhere(), "denoiser-sigterm-" + run, PipelineTopics.unique(run), dir.resolve("state"));
        try (AppProcess app = AppProcess.start("app", settings, dir)) {
            app.awaitLine("starting application", START);

            // when
            int status = app.terminate(STOP);

            // then
            assertThat(status).as(app.tail(20)).isZero();
            assertThat(app.tail(20)).contains("stopped on request while starting");
        }
    }

    private static long committedInputOffsets(String applicationId, String input) {
        try (CommittedOffsets offsets = new CommittedOffsets(broker.bootstrapServers(), applicationId, input)) {
            return offsets.sum();
        }
    }
}
