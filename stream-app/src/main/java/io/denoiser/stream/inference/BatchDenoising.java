package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.stream.health.ModelHealth;
import io.denoiser.stream.source.DeadLetters;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.validation.DecodedImages;
import io.denoiser.stream.validation.NoisyImageReader;
import io.denoiser.stream.validation.ValidNoisyImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Denoises one flushed batch: takes the buffered images as decode-validate decoded them (reading again only those
 * restored after a restart), passes them to the model in as few calls as
 * {@code max.batch.pixels} allows ({@link PixelBudget}; {@link Bisection} isolates the images a call fails on),
 * and turns each into a reconstruction or a dead letter, in input order. Every image yields exactly one outcome,
 * unless the model is judged broken ({@link ModelBrokenException}), which yields none. Images that were in a call
 * the app did not survive get calls of their own, and those that stopped it alone twice are dead-lettered
 * without another call ({@link InFlightCalls}). Uses one {@link TaskModel}, so it belongs to one processor: its
 * stream thread {@link #prepare}s each batch, and the model calls may run on another thread, one batch at a time.
 */
public final class BatchDenoising {

    /** The output topic's value format; thread-safe. */
    private static final Serializer<Reconstruction> RECONSTRUCTION_JSON =
            RecordSerdes.reconstruction().serializer();

    private final TaskModel model;
    private final InFlightCalls inFlight;
    private final ModelHealth health;
    private final NoisyImageReader reader;
    private final DecodedImages decoded;
    private final long maxCallPixels;

    /**
     * @param model         the task's model: each batch is denoised by the one model that serves at its start
     * @param maxCallPixels most pixels in one model call ({@code max.batch.pixels})
     * @param inFlight      the task's record of its model calls
     * @param health        told when the model is judged broken
     */
    public BatchDenoising(
            TaskModel model,
            NoisyImageReader reader,
            DecodedImages decoded,
            long maxCallPixels,
            InFlightCalls inFlight,
            ModelHealth health) {
        this.model = Objects.requireNonNull(model, "model");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.health = Objects.requireNonNull(health, "health");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.decoded = Objects.requireNonNull(decoded, "decoded");
        if (maxCallPixels < 1) {
            throw new IllegalArgumentException("maxCallPixels must be at least 1, got " + maxCallPixels);
        }
        this.maxCallPixels = maxCallPixels;
    }

    /**
     * Denoises a flushed batch: one outcome per input record, in input order, a reconstruction or a dead letter.
     * The whole batch is denoised by the model that serves when it starts (see {@link LiveModel}).
     *
     * @param now wall-clock time of the flush, epoch ms
     * @throws ModelBrokenException when the model fails a call and its probe: nothing of the batch may be published
     */
    public List<FlushOutcome> denoise(List<InputRecord> batch, long now) {
        return denoise(prepare(batch, now));
    }

    /**
     * The part of {@link #denoise(List, long)} that must run on the stream thread, which owns the decoded images:
     * takes the batch's images from them (or reads them again) and sets aside the dead letters known before any call.
     */
    public Prepared prepare(List<InputRecord> batch, long now) {
        FlushOutcome[] outcomes = new FlushOutcome[batch.size()];
        List<BatchImage> readable = readAll(batch, outcomes, now);
        return new Prepared(outcomes, withoutCondemned(readable, outcomes, now), now);
    }

    /**
     * The model calls of a prepared batch, on any thread, one batch of this task at a time: one outcome per input
     * record, in input order.
     *
     * @throws ModelBrokenException when the model fails a call and its probe: nothing of the batch may be published
     */
    public List<FlushOutcome> denoise(Prepared batch) {
        FlushOutcome[] outcomes = batch.outcomes;
        try (TaskModel.Flush flush = model.startFlush()) {
            ModelCalls calls = new ModelCalls(flush.denoiser(), inFlight, health);
            for (List<BatchImage> call : calls(batch.callable)) {
                List<ModelResult> results = Bisection.denoise(calls, inputsOf(call));
                for (int i = 0; i < results.size(); i++) {
                    BatchImage image = call.get(i);
                    outcomes[image.index()] =
                            outcome(image.input(), image.image(), results.get(i), flush.reconstructions(), batch.now);
                }
            }
        }
        return Arrays.asList(outcomes);
    }

    /** A batch ready for its model calls: {@link #prepare}'s result, for {@link #denoise(Prepared)}. */
    public static final class Prepared {

        private final FlushOutcome[] outcomes;
        private final List<BatchImage> callable;
        private final long now;

        private Prepared(FlushOutcome[] outcomes, List<BatchImage> callable, long now) {
            this.outcomes = outcomes;
            this.callable = callable;
            this.now = now;
        }
    }

    /**
     * The decoded images of the batch, putting the dead letters of those refused into {@code outcomes}. An image
     * restored after a restart is read again from its bytes: it was valid when buffered, so a refusal then means
     * the limits changed across the restart.
     */
    private List<BatchImage> readAll(List<InputRecord> batch, FlushOutcome[] outcomes, long now) {
        List<BatchImage> readable = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            InputRecord input = batch.get(i);
            try {
                ValidNoisyImage image = decoded.take(input).orElseGet(() -> reader.read(input));
                readable.add(new BatchImage(i, input, image));
            } catch (InvalidRecordException rejection) {
                outcomes[i] = new FlushOutcome.DeadLettered(input, DeadLetters.rejected(input, rejection, now));
            }
        }
        return readable;
    }

    /** The images worth a call; the dead letters of those that stopped the app alone go into {@code outcomes}. */
    private List<BatchImage> withoutCondemned(List<BatchImage> readable, FlushOutcome[] outcomes, long now) {
        List<BatchImage> callable = new ArrayList<>(readable.size());
        for (BatchImage image : readable) {
            InputRecord input = image.input();
            if (inFlight.condemned(input.source())) {
                IllegalStateException cause = new IllegalStateException("the app stopped "
                        + InFlightCalls.CONDEMNED_AFTER + " times while the model denoised it alone (a crash of the"
                        + " model runtime, or out of memory)");
                outcomes[image.index()] = new FlushOutcome.DeadLettered(
                        input,
                        DeadLetters.inferenceFailed(input, "the model is not tried again on this image", cause, now));
            } else {
                callable.add(image);
            }
        }
        return callable;
    }

    /** Suspects of an earlier stop alone, first; the others in calls within the pixel bound. */
    private List<List<BatchImage>> calls(List<BatchImage> images) {
        List<List<BatchImage>> calls = new ArrayList<>();
        List<BatchImage> others = new ArrayList<>(images.size());
        for (BatchImage image : images) {
            if (inFlight.suspect(image.input().source())) {
                calls.add(List.of(image));
            } else {
                others.add(image);
            }
        }
        calls.addAll(PixelBudget.split(others, BatchImage::pixels, maxCallPixels));
        return calls;
    }

    private static FlushOutcome outcome(
            InputRecord input, ValidNoisyImage image, ModelResult result, Reconstructions reconstructions, long now) {
        if (result instanceof ModelResult.Failure failure) {
            return new FlushOutcome.DeadLettered(
                    input, DeadLetters.inferenceFailed(input, "the model failed on this image", failure.cause(), now));
        }
        ModelResult.Output output = (ModelResult.Output) result;
        try {
            Reconstruction reconstruction = reconstructions.of(input, image, output.image(), output.batchSize(), now);
            return new FlushOutcome.Denoised(
                    input, reconstruction, RECONSTRUCTION_JSON.serialize(null, reconstruction));
        } catch (RuntimeException e) {
            return new FlushOutcome.DeadLettered(
                    input,
                    DeadLetters.inferenceFailed(input, "cannot make the reconstruction of the model's output", e, now));
        }
    }

    private static List<ModelInput> inputsOf(List<BatchImage> call) {
        List<ModelInput> inputs = new ArrayList<>(call.size());
        for (BatchImage image : call) {
            DecodedImage noisy = image.image().noisy();
            inputs.add(new ModelInput(
                    image.input().source(), GrayImage.fromBytes(noisy.width(), noisy.height(), noisy.pixels())));
        }
        return inputs;
    }

    /** An image of the batch that could be read, its index in the batch and its record. */
    private record BatchImage(int index, InputRecord input, ValidNoisyImage image) {

        long pixels() {
            return (long) image.noisy().width() * image.noisy().height();
        }
    }
}
