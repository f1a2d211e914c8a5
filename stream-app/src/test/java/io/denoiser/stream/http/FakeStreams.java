package io.denoiser.stream.http;

import org.apache.kafka.streams.KafkaStreams.State;

/** A Kafka Streams status a test sets. */
final class FakeStreams implements StreamsStatus {

    volatile State state = State.CREATED;
    volatile boolean threadDied;

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean threadDied() {
        return threadDied;
    }
}
