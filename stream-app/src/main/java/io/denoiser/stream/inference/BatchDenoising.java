package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.stream.source.DeadLetters;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.validation.NoisyImageReader;
import io.denoiser.stream.validation.ValidNoisyImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Denoises one flushed batch: reads the buffered images again, passes them to the model in as few calls as
 * {@code max.batch.pixels} allows ({@link PixelBudget}; {@link Bisection} isolates the images a call fails on),
 * and turns each into a reconstruction or a dead letter, in input order. Every image yields exactly one outcome.
 * Uses one {@link Denoiser}, so it belongs to one processor (one stream thread).
 */
public final class BatchDenoising {

    private final Denoiser denoiser;
    private final NoisyImageReader reader;
    private final Reconstructions reconstructions;
    private final long maxCallPixels;

    /** @param maxCallPixels most pixels in one model call ({@code max.batch.pixels}) */
    public BatchDenoising(
            Denoiser denoiser, NoisyImageReader reader, Reconstructions reconstructions, long maxCallPixels) {
        this.denoiser = Objects.requireNonNull(denoiser, "denoiser");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.reconstructions = Objects.requireNonNull(reconstructions, "reconstructions");
        if (maxCallPixels < 1) {
            throw new IllegalArgumentException("maxCallPixels must be at least 1, got " + maxCallPixels);
        }
        this.maxCallPixels = maxCallPixels;
    }

    /**
     * Denoises a flushed batch: one outcome per input record, in input order, a reconstruction or a dead letter.
     *
     * @param now wall-clock time of the flush, epoch ms
     */
    public List<FlushOutcome> denoise(List<InputRecord> batch, long now) {
        FlushOutcome[] outcomes = new FlushOutcome[batch.size()];
        List<BatchImage> readable = readAll(batch, outcomes, now);
        for (List<BatchImage> call : PixelBudget.split(readable, BatchImage::pixels, maxCallPixels)) {
            List<ModelResult> results = Bisection.denoise(denoiser, toGray(call));
            for (int i = 0; i < results.size(); i++) {
                BatchImage image = call.get(i);
                outcomes[image.index()] = outcome(batch.get(image.index()), image.image(), results.get(i), now);
            }
        }
        return Arrays.asList(outcomes);
    }

    /**
     * Reads every buffered image again, putting the dead letters of those refused into {@code outcomes}. They
     * were valid when buffered, so a refusal here means the limits changed across a restart.
     */
    private List<BatchImage> readAll(List<InputRecord> batch, FlushOutcome[] outcomes, long now) {
        List<BatchImage> readable = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            InputRecord input = batch.get(i);
            try {
                readable.add(new BatchImage(i, reader.read(input)));
            } catch (InvalidRecordException rejection) {
                outcomes[i] = new FlushOutcome.DeadLettered(input, DeadLetters.rejected(input, rejection, now));
            }
        }
        return readable;
    }

    private FlushOutcome outcome(InputRecord input, ValidNoisyImage image, ModelResult result, long now) {
        if (result instanceof ModelResult.Failure failure) {
            return new FlushOutcome.DeadLettered(
                    input, DeadLetters.inferenceFailed(input, "the model failed on this image", failure.cause(), now));
        }
        ModelResult.Output output = (ModelResult.Output) result;
        try {
            return new FlushOutcome.Denoised(
                    input, reconstructions.of(input, image, output.image(), output.batchSize(), now));
        } catch (RuntimeException e) {
            return new FlushOutcome.DeadLettered(
                    input,
                    DeadLetters.inferenceFailed(input, "cannot make the reconstruction of the model's output", e, now));
        }
    }

    private static List<GrayImage> toGray(List<BatchImage> images) {
        List<GrayImage> gray = new ArrayList<>(images.size());
        for (BatchImage image : images) {
            DecodedImage noisy = image.image().noisy();
            gray.add(GrayImage.fromBytes(noisy.width(), noisy.height(), noisy.pixels()));
        }
        return gray;
    }

    /** An image of the batch that could be read, and its index in the batch. */
    private record BatchImage(int index, ValidNoisyImage image) {

        long pixels() {
            return (long) image.noisy().width() * image.noisy().height();
        }
    }
}
