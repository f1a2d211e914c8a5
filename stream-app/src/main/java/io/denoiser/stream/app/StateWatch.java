package io.denoiser.stream.app;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every state change of Kafka Streams and lets a thread wait for the two that matter: the end of
 * start-up (RUNNING, or any state on the way down), and the stop (NOT_RUNNING or ERROR). Called by Kafka
 * Streams' threads, waited on by others: thread-safe.
 */
final class StateWatch implements KafkaStreams.StateListener {

    private static final Logger LOG = LoggerFactory.getLogger(StateWatch.class);

    private final CompletableFuture<State> started = new CompletableFuture<>();
    private final CompletableFuture<State> stopped = new CompletableFuture<>();

    @Override
    public void onChange(State newState, State oldState) {
        LOG.info("Kafka Streams {} -> {}", oldState, newState);
        if (newState == State.RUNNING || !newState.isRunningOrRebalancing()) {
            started.complete(newState);
        }
        if (newState == State.NOT_RUNNING || newState == State.ERROR) {
            stopped.complete(newState);
        }
    }

    /** RUNNING, or the state that ended start-up early; empty when neither came within {@code timeout}. */
    Optional<State> awaitStarted(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(started.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }

    /** NOT_RUNNING (closed) or ERROR (failed), whichever ends the run. */
    State awaitStopped() throws InterruptedException {
        try {
            return stopped.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("never completed exceptionally", e);
        }
    }
}
