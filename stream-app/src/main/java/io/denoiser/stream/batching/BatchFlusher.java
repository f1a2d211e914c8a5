package io.denoiser.stream.batching;

import io.denoiser.stream.health.TaskProgress;
import io.denoiser.stream.inference.BatchDenoising;
import io.denoiser.stream.inference.FlushOutcome;
import io.denoiser.stream.inference.ModelCallThreads;
import io.denoiser.stream.inference.ModelVersionHeader;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.source.DeadLetters;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Takes the oldest waiting images, at most one batch of {@code max.batch.size}, has them denoised on the
 * {@link ModelCallThreads}, forwards every outcome with the key and timestamp of its noisy image, and only then
 * deletes them from the buffer. Why in
 * that order: the deletes reach the changelog no earlier than the outputs reach the producer, so under
 * exactly_once_v2 they commit together with the outputs and offsets, and under at_least_once a crash can repeat
 * outputs, never lose them. An image whose batch is in the model is still in the store, so a commit meanwhile keeps
 * it too.
 *
 * <p>The stream thread does not wait for the model: it goes on buffering this task's images and serving the other
 * tasks, whose batches run at the same time on other model-call threads. A task's batches run one after the other
 * (its {@link io.denoiser.stream.inference.TaskModel} and in-flight record take one call at a time), and up to
 * {@link #BATCHES_AHEAD} of them are handed over, so that a model-call thread finds the task's next batch ready
 * when one ends. A batch goes once {@code preferred.batch.size} images wait (or the delay is up) and there is room;
 * once {@code max.batch.size} images have gathered while the task's calls ran, they go together: small batches and
 * low latency while the model keeps up, larger ones when it does not. Outcomes are forwarded in order on the
 * stream thread (the only one that may forward): at the task's next record or wall-clock check once the call has
 * ended, or at once when the stream thread must wait for it because that many batches are handed over and a batch of
 * the largest size waits again (so the buffer stays bounded). Only then does the stream thread wait for the model.
 */
final class BatchFlusher {

    /** Batches of one task handed to the model-call threads at a time. */
    static final int BATCHES_AHEAD = 2;

    private final ProcessorContext<byte[], Object> context;
    private final BatchBuffer buffer;
    private final BatchPolicy policy;
    private final BatchDenoising denoising;
    private final Executor modelCalls;
    private final FlushTargets targets;
    private final String inputTopic;
    private final TaskProgress progress;
    private final DenoiserMetrics metrics;
    private final Deque<Handed> handed = new ArrayDeque<>();

    /**
     * @param modelCalls where the batches' model calls run
     * @param inputTopic the topic of the buffered images, named in the dead letters of unreadable entries
     * @param progress   told of every completed batch
     * @param metrics    told of every flushed batch and every output
     */
    BatchFlusher(
            ProcessorContext<byte[], Object> context,
            BatchBuffer buffer,
            BatchPolicy policy,
            BatchDenoising denoising,
            Executor modelCalls,
            FlushTargets targets,
            String inputTopic,
            TaskProgress progress,
            DenoiserMetrics metrics) {
        this.context = context;
        this.buffer = buffer;
        this.policy = policy;
        this.denoising = denoising;
        this.modelCalls = modelCalls;
        this.targets = targets;
        this.inputTopic = inputTopic;
        this.progress = progress;
        this.metrics = metrics;
    }

    /**
     * Publishes the batches whose calls have ended, then hands over what waits while there is room: a batch of
     * {@code preferred.batch.size} as soon as that many wait, or of {@code max.batch.size} once that many gathered
     * while the task's calls ran. With {@link #BATCHES_AHEAD} handed over, the stream thread goes on until
     * {@link #waitingBound} images wait, then waits for the oldest call.
     */
    void flushFullBatches() {
        publishEnded();
        while (true) {
            if (handed.size() >= BATCHES_AHEAD) {
                if (buffer.size() < waitingBound()) {
                    return;
                }
                finishOldest();
            } else if (!policy.isReady(buffer.size())) {
                return;
            }
            handOverOldestBatch();
            publishEnded();
        }
    }

    /**
     * Images that may wait while {@link #BATCHES_AHEAD} batches are handed over: a batch of the largest size, and
     * at least as many as fill the batches ahead at the preferred size (with batches of one size, two of them).
     */
    private int waitingBound() {
        return Math.max(policy.maxBatchSize(), BATCHES_AHEAD * policy.preferredBatchSize());
    }

    /** Publishes, in order, the batches whose calls have ended; never waits. */
    void publishEnded() {
        while (!handed.isEmpty() && handed.peekFirst().outcomes.isDone()) {
            finishOldest();
        }
    }

    /**
     * The wall-clock check: publishes the batches whose calls have ended and, while there is room
     * ({@link #BATCHES_AHEAD}), hands over a batch once the preferred size waits or, once the oldest waiting image
     * has waited {@code max.batch.delay.ms}, whatever waits. It never waits for a call: outcomes of a call still
     * running go out at the next record or check after it ends (a check comes every quarter of the delay), and due
     * images that find no room go with the next batch that does. Why not wait: a stream thread blocked here stops feeding its other tasks
     * and reading new records, which at half load was most of the tail latency (docs/BENCHMARKS.md).
     */
    void flushDue(long now) {
        publishEnded();
        boolean due = policy.isDue(buffer.size(), buffer.oldestArrival(), now);
        while (handed.size() < BATCHES_AHEAD && (policy.isReady(buffer.size()) || (due && buffer.size() > 0))) {
            handOverOldestBatch();
            publishEnded();
        }
    }

    /**
     * Waits for the calls handed over and drops their outcomes: the task closes, and its images stay in the store
     * for whoever opens the task next (the model may not be closed under a running call).
     */
    void abandonHandedOver() {
        while (!handed.isEmpty()) {
            try {
                handed.removeFirst().outcomes.join();
            } catch (CompletionException | CancellationException ignored) {
                // the images stay buffered; whoever opens the task next denoises them again
            }
        }
    }

    private void handOverOldestBatch() {
        List<BufferEntry> batch = buffer.take(policy.nextBatchSize(buffer.size()));
        if (batch.isEmpty()) {
            throw new IllegalStateException("the batch buffer counts " + buffer.size() + " images but holds none");
        }
        long now = context.currentSystemTimeMs();
        long oldestArrival = oldestArrival(batch, now);
        metrics.batchFlushed(batch.size(), Duration.ofMillis(now - oldestArrival));
        BatchDenoising.Prepared prepared = denoising.prepare(waitingImagesOf(batch), now);
        CompletableFuture<?> previous =
                handed.isEmpty() ? CompletableFuture.completedFuture(null) : handed.peekLast().outcomes;
        // after the previous call of this task, whatever its outcome: one call of a task at a time
        CompletableFuture<List<FlushOutcome>> outcomes = previous.handle((result, failure) -> null)
                .thenApplyAsync(ignored -> denoising.denoise(prepared), modelCalls);
        handed.addLast(new Handed(batch, now, oldestArrival, outcomes));
    }

    /** Waits for the oldest call, publishes its outcomes, then deletes its images; a model failure is rethrown. */
    private void finishOldest() {
        Handed batch = handed.removeFirst();
        List<FlushOutcome> outcomes;
        try {
            outcomes = batch.outcomes.join();
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
        publish(outcomes, batch.handedAt);
        publish(unreadableEntriesOf(batch.entries, batch.handedAt), batch.handedAt);
        buffer.remove(batch.entries);
        progress.batchCompleted(buffer.held());
    }

    /** The model call's own exception, so that a {@code ModelBrokenException} stops the app as before. */
    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("a model call failed", cause);
    }

    /** A batch handed to the model: its entries, when, when its oldest image arrived, and its outcomes to come. */
    private record Handed(
            List<BufferEntry> entries,
            long handedAt,
            long oldestArrival,
            CompletableFuture<List<FlushOutcome>> outcomes) {}

    private void publish(List<FlushOutcome> outcomes, long now) {
        for (FlushOutcome outcome : outcomes) {
            InputRecord input = outcome.input();
            if (outcome instanceof FlushOutcome.Denoised denoised) {
                context.forward(
                        new Record<>(
                                input.key(),
                                denoised.value(),
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
