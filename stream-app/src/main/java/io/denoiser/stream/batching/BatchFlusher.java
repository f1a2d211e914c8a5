package io.denoiser.stream.batching;

import io.denoiser.stream.inference.BatchDenoising;
import io.denoiser.stream.inference.FlushOutcome;
import io.denoiser.stream.source.InputRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Takes the oldest waiting images, at most one batch, denoises them, forwards every outcome with the key and
 * timestamp of its noisy image, and only then deletes them from the buffer. Why in that order: the deletes
 * reach the changelog no earlier than the outputs reach the producer, so under exactly_once_v2 they commit
 * together with the outputs and offsets, and under at_least_once a crash can repeat outputs, never lose them.
 */
final class BatchFlusher {

    private final ProcessorContext<byte[], Object> context;
    private final BatchBuffer buffer;
    private final BatchPolicy policy;
    private final BatchDenoising denoising;
    private final FlushTargets targets;

    BatchFlusher(
            ProcessorContext<byte[], Object> context,
            BatchBuffer buffer,
            BatchPolicy policy,
            BatchDenoising denoising,
            FlushTargets targets) {
        this.context = context;
        this.buffer = buffer;
        this.policy = policy;
        this.denoising = denoising;
        this.targets = targets;
    }

    /** Flushes while a full batch waits (once, normally; more after a restart with a lower batch size). */
    void flushFullBatches() {
        while (policy.isFull(buffer.size())) {
            flushOldestBatch();
        }
    }

    /** Flushes everything that waits, in batches of at most the maximum size. */
    void flushAll() {
        while (buffer.size() > 0) {
            flushOldestBatch();
        }
    }

    private void flushOldestBatch() {
        List<KeyValue<String, PendingImage>> batch = buffer.oldest(policy.maxBatchSize());
        if (batch.isEmpty()) {
            throw new IllegalStateException("the batch buffer counts " + buffer.size() + " images but holds none");
        }
        publish(denoising.denoise(inputsOf(batch), context.currentSystemTimeMs()));
        buffer.remove(batch);
    }

    private void publish(List<FlushOutcome> outcomes) {
        for (FlushOutcome outcome : outcomes) {
            InputRecord input = outcome.input();
            if (outcome instanceof FlushOutcome.Denoised denoised) {
                context.forward(
                        new Record<>(input.key(), denoised.reconstruction(), input.timestamp()),
                        targets.denoisedNode());
            } else if (outcome instanceof FlushOutcome.DeadLettered deadLettered) {
                context.forward(
                        new Record<>(input.key(), deadLettered.deadLetter(), input.timestamp()),
                        targets.deadLetterNode());
            }
        }
    }

    private static List<InputRecord> inputsOf(List<KeyValue<String, PendingImage>> batch) {
        List<InputRecord> inputs = new ArrayList<>(batch.size());
        for (KeyValue<String, PendingImage> entry : batch) {
            inputs.add(entry.value.input());
        }
        return inputs;
    }
}
