package io.denoiser.stream.http;

import java.util.Objects;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.ThreadMetadata;

/**
 * What health reports need of Kafka Streams: its state, and whether a stream thread of this instance died. A
 * view, never used to control the client. Thread-safe.
 */
public interface StreamsStatus {

    State state();

    /** Whether a stream thread of this instance has died (its state DEAD) while the client runs. */
    boolean threadDied();

    /** The status of a real client. */
    static StreamsStatus of(KafkaStreams streams) {
        Objects.requireNonNull(streams, "streams");
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
        };
    }
}
