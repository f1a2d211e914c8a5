package io.denoiser.stream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.topology.DenoiserTopology;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The lifecycle's decisions against a real broker, with a fake model. */
class StreamAppLifecycleIT {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path stateDir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldStopTheInstanceAndNameTheMissingInputTopic() {
        // given: only the output and dead-letter topics exist
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        broker.createTopics(1, topics.output(), topics.deadLetter());
        StreamAppLifecycle lifecycle = lifecycle(run, topics, new AtomicBoolean());

        // when / then
        assertThatThrownBy(lifecycle::start)
                .isInstanceOf(StartupException.class)
                .hasMessage("Kafka Streams stopped while starting: the input topic " + topics.input()
                        + " does not exist at " + broker.bootstrapServers()
                        + ": create it, and the output and dead-letter topics");
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldRunUntilClosedAndThenReleaseTheModel() throws InterruptedException {
        // given
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        broker.createTopics(1, topics.input(), topics.output(), topics.deadLetter());
        AtomicBoolean modelReleased = new AtomicBoolean();
        StreamAppLifecycle lifecycle = lifecycle(run, topics, modelReleased);
        lifecycle.start();

        // when
        lifecycle.close();

        // then
        assertThat(lifecycle.awaitStop())
                .as("stopped on request, not by an error")
                .isEmpty();
        assertThat(modelReleased).isTrue();
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void shouldNotStartWhenClosedBeforeStartingAndReportAStopOnRequest() throws InterruptedException {
        // given: a stop request (SIGTERM) that came while the model was still loading
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        broker.createTopics(1, topics.input(), topics.output(), topics.deadLetter());
        AtomicBoolean modelReleased = new AtomicBoolean();
        StreamAppLifecycle lifecycle = lifecycle(run, topics, modelReleased);
        lifecycle.close();

        // when
        lifecycle.start();

        // then
        assertThat(lifecycle.awaitStop())
                .as("stopped on request, not by an error")
                .isEmpty();
        assertThat(modelReleased).isTrue();
    }

    private StreamAppLifecycle lifecycle(String run, TopicNames topics, AtomicBoolean modelReleased) {
        StreamAppConfig config = TestData.config(
                stateDir,
                "bootstrap.servers",
                broker.bootstrapServers(),
                "application.id",
                "denoiser-lifecycle-" + run,
                "input.topic",
                topics.input(),
                "output.topic",
                topics.output(),
                "dead.letter.topic",
                topics.deadLetter(),
                "startup.timeout.ms",
                "30000");
        return new StreamAppLifecycle(
                DenoiserTopology.build(config, FakeDenoiser::identity, TestData.MODEL_VERSION),
                config,
                () -> modelReleased.set(true));
    }
}
