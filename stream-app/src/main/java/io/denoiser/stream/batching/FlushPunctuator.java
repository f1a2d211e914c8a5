package io.denoiser.stream.batching;

import org.apache.kafka.streams.processor.Punctuator;

/**
 * The wall-clock check of the micro-batcher ({@link BatchFlusher#flushDue}): publishes the batches whose model calls
 * have ended, and hands over what waits once the oldest image has waited the maximum delay. Scheduled on
 * WALL_CLOCK_TIME because stream time stands still while no input arrives, and the last partial batch must go out
 * anyway.
 */
final class FlushPunctuator implements Punctuator {

    private final BatchFlusher flusher;

    FlushPunctuator(BatchFlusher flusher) {
        this.flusher = flusher;
    }

    @Override
    public void punctuate(long now) {
        flusher.flushDue(now);
    }
}
