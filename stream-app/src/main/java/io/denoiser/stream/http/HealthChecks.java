package io.denoiser.stream.http;

import io.denoiser.stream.health.ServingHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * Liveness and readiness, for an orchestrator's probes ({@code /health/live}, {@code /health/ready}):
 *
 * <ul>
 *   <li><b>Live</b> unless restarting the process is the cure: Kafka Streams in ERROR, PENDING_ERROR or NOT_RUNNING
 *       (it never comes back from those), a stream thread dead, or a stall: images waiting {@code stall.timeout.ms}
 *       without a batch completing, a hung model call or stream thread ({@link
 *       io.denoiser.stream.health.StallWatch}). Starting, rebalancing and restoring are alive.
 *   <li><b>Ready</b> only when it serves: live, a model loaded and not judged broken (a call failed and so did a
 *       probe image, {@link io.denoiser.stream.health.ModelHealth}), Kafka Streams RUNNING, and a broker
 *       answering (Kafka Streams stays RUNNING through a broker outage).
 * </ul>
 *
 * Each answer says why in its body, a JSON object with the state, the model and the stall status. Thread-safe.
 */
public final class HealthChecks {

    /** An answer: whether the check passed, and the body that says why. */
    public record Report(boolean up, Map<String, Object> body) {}

    private final StreamsStatus streams;
    private final ServingHealth serving;
    private final ServedModel model;

    public HealthChecks(StreamsStatus streams, ServingHealth serving, ServedModel model) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.serving = Objects.requireNonNull(serving, "serving");
        this.model = Objects.requireNonNull(model, "model");
    }

    public Report live() {
        State state = streams.state();
        List<String> problems = new ArrayList<>();
        livenessProblems(state, problems);
        return report(state, problems);
    }

    public Report ready() {
        State state = streams.state();
        List<String> problems = new ArrayList<>();
        livenessProblems(state, problems);
        if (model.current().isEmpty()) {
            problems.add("no model loaded yet");
        }
        serving.model().brokenReason().ifPresent(reason -> problems.add("model judged broken: " + reason));
        if (state != State.RUNNING) {
            problems.add("Kafka Streams is " + state + ", not RUNNING");
        } else if (!streams.brokerConnected()) {
            problems.add("no Kafka broker answers");
        }
        return report(state, problems);
    }

    private void livenessProblems(State state, List<String> problems) {
        if (state == State.ERROR || state == State.PENDING_ERROR || state == State.NOT_RUNNING) {
            problems.add("Kafka Streams is " + state);
        }
        if (streams.threadDied()) {
            problems.add("a stream thread died");
        }
        if (serving.stalls().stalled()) {
            problems.add("stalled: images have waited stall.timeout.ms without a batch completing");
        }
    }

    private Report report(State state, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problems.isEmpty() ? "UP" : "DOWN");
        body.put("kafkaStreams", state.name());
        body.put("model", modelBody());
        body.put("stalled", serving.stalls().stalled());
        body.put("waitingImages", serving.stalls().waitingImages());
        serving.stalls().lastCompletedBatchAt().ifPresent(at -> body.put("lastBatchCompletedAt", at));
        body.put("problems", List.copyOf(problems));
        return new Report(problems.isEmpty(), body);
    }

    private Map<String, Object> modelBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<ServedModel.Model> served = model.current();
        body.put("loaded", served.isPresent());
        served.ifPresent(m -> {
            body.put("version", m.version());
            body.put("runtime", m.runtime());
            body.put("loadSeconds", m.loadTime().toMillis() / 1000.0);
        });
        body.put("broken", serving.model().broken());
        serving.model().brokenReason().ifPresent(reason -> body.put("brokenReason", reason));
        return body;
    }
}
