package io.denoiser.stream.http;

import io.denoiser.stream.health.BrokerWatch;
import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What health reports need of Kafka Streams: its state, whether a stream thread of this instance died, and whether
 * a broker answers. A view, never used to control the client. Thread-safe.
 */
public interface StreamsStatus {

    State state();

    /** Whether a stream thread of this instance has died (its state DEAD) while the client runs. */
    boolean threadDied();

    /**
     * Whether a broker answers the app ({@link BrokerWatch}). Kafka Streams stays RUNNING through a broker outage
     * (its clients retry), so its state alone cannot tell that nothing can be read or written.
     */
    boolean brokerConnected();

    /** The status of a real client, with a watch on its brokers. */
    static StreamsStatus of(KafkaStreams streams, BrokerWatch broker) {
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(broker, "broker");
        return new StreamsStatus() {
            @Override
            public State state() {
                return streams.state();
            }

            @Override
            public boolean threadDied() {
                if (!streams.state().isRunningOrRebalancing()) {
                    return false; // the state says it already
                }
                try {
                    for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
                        if ("DEAD".equals(thread.threadState())) {
                            return true;
                        }
                    }
                    return false;
                } catch (RuntimeException stateChangedMeanwhile) {
                    return false;
                }
            }

            @Override
            public boolean brokerConnected() {
                return broker.answering();
            }
        };
    }
}
