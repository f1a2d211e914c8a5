package io.denoiser.stream.batching;

import org.apache.kafka.streams.processor.Punctuator;

/**
 * The wall-clock check of the micro-batcher: flushes everything that waits once the oldest image has waited
 * the maximum delay. Scheduled on WALL_CLOCK_TIME because stream time stands still while no input arrives,
 * and the last partial batch must go out anyway.
 */
final class FlushPunctuator implements Punctuator {

    private final BatchPolicy policy;
    private final BatchBuffer buffer;
    private final BatchFlusher flusher;

    FlushPunctuator(BatchPolicy policy, BatchBuffer buffer, BatchFlusher flusher) {
        this.policy = policy;
        this.buffer = buffer;
        this.flusher = flusher;
    }

    @Override
    public void punctuate(long now) {
        if (policy.isDue(buffer.size(), buffer.oldestArrival(), now)) {
            flusher.flushAll();
        }
    }
}
