package io.denoiser.stream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.fixtures.ClosedPort;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.inference.ModelBrokenException;
import io.denoiser.stream.topology.DenoiserTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class StreamAppLifecycleTest {

    @TempDir
    Path stateDir;

    @Test
    @Timeout(120) // a hang guard: the test itself takes a few seconds
    void shouldGiveUpNamingTheBrokerWhenNoneAnswersWithinTheStartupTimeout() {
        // given
        String nowhere = ClosedPort.nowhere();
        StreamAppConfig config = TestData.config(
                stateDir, "bootstrap.servers", nowhere, "startup.timeout.ms", "1000", "shutdown.timeout.ms", "10000");
        AtomicBoolean modelReleased = new AtomicBoolean();
        StreamAppLifecycle lifecycle = new StreamAppLifecycle(topology(config), config, () -> modelReleased.set(true));

        // when / then
        assertThatThrownBy(lifecycle::start)
                .isInstanceOf(StartupException.class)
                .hasMessage("no Kafka broker reachable at " + nowhere + " within 1 s");
        assertThat(modelReleased)
                .as("model released once Kafka Streams has stopped")
                .isTrue();
    }

    @Test
    void shouldRefuseABrokerAddressThatDoesNotResolveNamingIt() {
        // given
        StreamAppConfig config = TestData.config(stateDir, "bootstrap.servers", "kafka.invalid:9092");

        // when / then
        assertThatThrownBy(() -> new StreamAppLifecycle(topology(config), config, () -> {}))
                .isInstanceOf(StartupException.class)
                .hasMessage("cannot create the Kafka clients for kafka.invalid:9092: No resolvable bootstrap urls"
                        + " given in bootstrap.servers");
    }

    @Test
    void shouldTellTheUserToCreateTheTopicsWhenTheInputTopicIsMissing() {
        // given
        StreamAppLifecycle lifecycle = lifecycle(
                TestData.config(stateDir, "input.topic", "camera.frames", "bootstrap.servers", "127.0.0.1:9092"));
        StreamsException error = new StreamsException(
                new MissingSourceTopicException("One or more source topics" + " were missing during rebalance"));

        // when
        String line = lifecycle.explain(error);

        // then
        assertThat(line)
                .isEqualTo("the input topic camera.frames does not exist at 127.0.0.1:9092: create it, and"
                        + " the output and dead-letter topics");
    }

    @Test
    void shouldNameTheRootCauseOfAnyOtherError() {
        // given
        StreamAppLifecycle lifecycle = lifecycle(TestData.config(stateDir));
        StreamsException error = new StreamsException(
                "task 0_1 failed", new IllegalStateException("batch buffer entry of 3 bytes is corrupt"));

        // when
        String line = lifecycle.explain(error);

        // then
        assertThat(line)
                .isEqualTo("task 0_1 failed (IllegalStateException: batch buffer entry of 3 bytes is" + " corrupt)");
    }

    @Test
    void shouldExplainABrokenModelByItsReasonAlone() {
        // given
        StreamAppLifecycle lifecycle = lifecycle(TestData.config(stateDir));
        StreamsException error = new StreamsException(
                "task 0_1 failed",
                new ModelBrokenException(
                        "the model is broken: a call failed (x) and so did a 28x28 probe image",
                        new IllegalStateException("x")));

        // when
        String line = lifecycle.explain(error);

        // then
        assertThat(line)
                .isEqualTo("the model is broken: a call failed (x) and so did a 28x28 probe image; the buffered images"
                        + " wait in the changelogged buffer for the next start");
    }

    @Test
    void shouldWriteTimeoutsInSeconds() {
        assertThat(StreamAppLifecycle.seconds(Duration.ofSeconds(60))).isEqualTo("60 s");
        assertThat(StreamAppLifecycle.seconds(Duration.ofMillis(1500))).isEqualTo("1.5 s");
    }

    /** A lifecycle that is never started: Kafka Streams is created, so it is closed again at once. */
    private static StreamAppLifecycle lifecycle(StreamAppConfig config) {
        StreamAppLifecycle lifecycle = new StreamAppLifecycle(topology(config), config, () -> {});
        lifecycle.close();
        return lifecycle;
    }

    private static Topology topology(StreamAppConfig config) {
        return DenoiserTopology.build(config, FakeDenoiser::identity, TestData.MODEL_VERSION);
    }
}
