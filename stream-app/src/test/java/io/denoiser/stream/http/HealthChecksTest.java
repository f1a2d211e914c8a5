package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.health.ModelHealth;
import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.health.StallWatch;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class HealthChecksTest {

    private final FakeStreams streams = new FakeStreams();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ServingHealth serving =
            new ServingHealth(new ModelHealth(), new StallWatch(Duration.ofSeconds(60), clock::get));
    private final ServedModel model = new ServedModel();
    private final HealthChecks checks = new HealthChecks(streams, serving, model);

    @Test
    void shouldBeReadyOnlyWhenTheModelIsLoadedAndKafkaStreamsRuns() {
        assertThat(checks.ready().up()).isFalse();
        assertThat(checks.live().up()).isTrue();

        model.modelLoaded("dae@abc", "onnx", Duration.ofSeconds(2));
        streams.state = State.REBALANCING;
        assertThat(checks.ready().up()).isFalse();
        assertThat(checks.ready().body().get("problems").toString()).contains("REBALANCING, not RUNNING");

        streams.state = State.RUNNING;
        HealthChecks.Report ready = checks.ready();
        assertThat(ready.up()).isTrue();
        assertThat(ready.body())
                .containsEntry("status", "UP")
                .containsEntry("kafkaStreams", "RUNNING")
                .containsEntry("stalled", false);
        assertThat(ready.body().get("model").toString())
                .contains("version=dae@abc")
                .contains("runtime=onnx")
                .contains("broken=false");
    }

    @Test
    void shouldBeUnreadyButAliveWithoutABrokerConnection() {
        model.modelLoaded("dae@abc", "onnx", Duration.ofSeconds(2));
        streams.state = State.RUNNING;

        streams.brokerConnected = false;

        assertThat(checks.ready().up()).isFalse();
        assertThat(checks.ready().body().get("problems").toString()).contains("no Kafka broker answers");
        assertThat(checks.live().up()).isTrue();
    }

    @Test
    void shouldBeUnreadyButAliveWhenTheModelIsJudgedBroken() {
        model.modelLoaded("dae@abc", "onnx", Duration.ofSeconds(2));
        streams.state = State.RUNNING;

        serving.model().judgeBroken("the model is broken: a call failed and so did a probe");

        assertThat(checks.ready().up()).isFalse();
        assertThat(checks.ready().body().get("model").toString())
                .contains("broken=true")
                .contains("brokenReason=the model is broken");
        assertThat(checks.live().up()).isTrue();
    }

    @Test
    void shouldNotBeAliveWhenKafkaStreamsFailedOrAThreadDied() {
        for (State dead : new State[] {State.ERROR, State.PENDING_ERROR, State.NOT_RUNNING}) {
            streams.state = dead;
            assertThat(checks.live().up()).as(dead.name()).isFalse();
        }
        streams.state = State.RUNNING;
        streams.threadDied = true;
        assertThat(checks.live().up()).isFalse();
        assertThat(checks.live().body().get("problems").toString()).contains("a stream thread died");
    }

    @Test
    void shouldNotBeAliveNorReadyDuringAStallWithImagesWaiting() {
        model.modelLoaded("dae@abc", "onnx", Duration.ofSeconds(2));
        streams.state = State.RUNNING;
        serving.stalls().register("0_0").imagesWaiting(3);

        clock.addAndGet(61_000);
        serving.stalls().check();

        assertThat(checks.live().up()).isFalse();
        assertThat(checks.live().body()).containsEntry("stalled", true).containsEntry("waitingImages", 3);
        assertThat(checks.ready().up()).isFalse();
    }
}
