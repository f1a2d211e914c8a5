package io.denoiser.stream.http;

import org.apache.kafka.streams.KafkaStreams.State;

/** A Kafka Streams status a test sets. */
final class FakeStreams implements StreamsStatus {

    volatile State state = State.CREATED;
    volatile boolean threadDied;
    volatile boolean brokerConnected = true;

    @Override
    public State state() {
        return state;
    }

    @Override
    public boolean threadDied() {
        return threadDied;
    }

    @Override
    public boolean brokerConnected() {
        return brokerConnected;
    }
}
