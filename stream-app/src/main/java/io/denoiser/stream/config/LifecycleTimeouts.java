package io.denoiser.stream.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the app waits for Kafka Streams to change state.
 *
 * @param startup  from start until RUNNING; after it the app gives up with a message saying why
 * @param shutdown for {@code KafkaStreams.close}: tasks finish their current batch and commit; buffered
 *                 images stay in the changelogged store for the next start
 */
public record LifecycleTimeouts(Duration startup, Duration shutdown) {

    public LifecycleTimeouts {
        requirePositive(startup, "startup");
        requirePositive(shutdown, "shutdown");
    }

    private static void requirePositive(Duration timeout, String name) {
        Objects.requireNonNull(timeout, name);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive, got " + timeout);
        }
    }
}
