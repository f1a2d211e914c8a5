package io.denoiser.stream.batching;

import io.denoiser.stream.health.TaskProgress;
import io.denoiser.stream.inference.BatchDenoising;
import io.denoiser.stream.inference.FlushOutcome;
import io.denoiser.stream.inference.ModelVersionHeader;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.source.DeadLetters;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    private final String inputTopic;
    private final TaskProgress progress;
    private final DenoiserMetrics metrics;

    /**
     * @param inputTopic the topic of the buffered images, named in the dead letters of unreadable entries
     * @param progress   told of every completed batch
     * @param metrics    told of every flushed batch and every output
     */
    BatchFlusher(
            ProcessorContext<byte[], Object> context,
            BatchBuffer buffer,
            BatchPolicy policy,
            BatchDenoising denoising,
            FlushTargets targets,
            String inputTopic,
            TaskProgress progress,
            DenoiserMetrics metrics) {
        this.context = context;
        this.buffer = buffer;
        this.policy = policy;
        this.denoising = denoising;
        this.targets = targets;
        this.inputTopic = inputTopic;
        this.progress = progress;
        this.metrics = metrics;
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
        List<BufferEntry> batch = buffer.oldest(policy.maxBatchSize());
        if (batch.isEmpty()) {
            throw new IllegalStateException("the batch buffer counts " + buffer.size() + " images but holds none");
        }
        long now = context.currentSystemTimeMs();
        metrics.batchFlushed(batch.size(), Duration.ofMillis(now - oldestArrival(batch, now)));
        publish(denoising.denoise(waitingImagesOf(batch), now), now);
        publish(unreadableEntriesOf(batch, now), now);
        buffer.remove(batch);
        progress.batchCompleted(buffer.size());
    }

    private void publish(List<FlushOutcome> outcomes, long now) {
        for (FlushOutcome outcome : outcomes) {
            InputRecord input = outcome.input();
            if (outcome instanceof FlushOutcome.Denoised denoised) {
                context.forward(
                        new Record<>(
                                input.key(),
                                denoised.reconstruction(),
                                input.timestamp(),
                                ModelVersionHeader.of(denoised.reconstruction().modelVersion())),
                        targets.denoisedNode());
                metrics.reconstructionPublished(input, denoised.reconstruction(), now);
            } else if (outcome instanceof FlushOutcome.DeadLettered deadLettered) {
                context.forward(
                        new Record<>(input.key(), deadLettered.deadLetter(), input.timestamp()),
                        targets.deadLetterNode());
                metrics.deadLettered(deadLettered.deadLetter().reason());
            }
        }
    }

    /** When the batch's oldest waiting image entered the buffer; {@code now} when none of it can be read. */
    private static long oldestArrival(List<BufferEntry> batch, long now) {
        long oldest = now;
        for (BufferEntry entry : batch) {
            if (entry instanceof BufferEntry.Waiting waiting) {
                oldest = Math.min(oldest, waiting.image().arrivedAt());
            }
        }
        return oldest;
    }

    private static List<InputRecord> waitingImagesOf(List<BufferEntry> batch) {
        List<InputRecord> inputs = new ArrayList<>(batch.size());
        for (BufferEntry entry : batch) {
            if (entry instanceof BufferEntry.Waiting waiting) {
                inputs.add(waiting.image().input());
            }
        }
        return inputs;
    }

    /**
     * The dead letters of the entries that cannot be read. Their original key, value and timestamp are lost with
     * them; the key of the buffer still says where the original record is, so its dead letter names that and is
     * published without a key, at the time of the flush.
     */
    private List<FlushOutcome> unreadableEntriesOf(List<BufferEntry> batch, long now) {
        List<FlushOutcome> deadLetters = new ArrayList<>();
        for (BufferEntry entry : batch) {
            if (entry instanceof BufferEntry.Unreadable unreadable) {
                SourceCoordinates source = BufferKey.coordinatesOf(unreadable.key(), inputTopic)
                        .orElseGet(() -> new SourceCoordinates(
                                inputTopic, context.taskId().partition(), 0));
                String message = "batch buffer entry " + unreadable.key() + " (" + unreadable.size()
                        + " bytes) cannot be read, so the image was never denoised: " + unreadable.problem()
                        + "; the original record is at " + source + " while the topic's retention keeps it";
                InputRecord input = new InputRecord(source, null, null, now);
                deadLetters.add(
                        new FlushOutcome.DeadLettered(input, DeadLetters.unreadableBufferEntry(source, message, now)));
            }
        }
        return deadLetters;
    }
}
