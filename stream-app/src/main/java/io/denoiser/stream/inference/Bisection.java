package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch through the model in one call and, when that call fails, splits the batch in halves and
 * retries each, down to single images: the images that fail alone are isolated, every other image still
 * gets its reconstruction. A failure of k images in a batch of n costs about 2k·log2(n) extra calls. An
 * answer that breaks the {@link Denoiser} contract (count or sizes) counts as a failure.
 */
final class Bisection {

    private static final Logger LOG = LoggerFactory.getLogger(Bisection.class);

    private Bisection() {}

    /** One result per image, in input order. */
    static List<ModelResult> denoise(Denoiser denoiser, List<GrayImage> images) {
        List<ModelResult> results = new ArrayList<>(images.size());
        if (!images.isEmpty()) {
            denoiseInto(results, denoiser, images);
        }
        return results;
    }

    private static void denoiseInto(List<ModelResult> results, Denoiser denoiser, List<GrayImage> batch) {
        List<GrayImage> outputs;
        try {
            outputs = checked(batch, denoiser.denoise(batch));
        } catch (RuntimeException e) {
            splitOrFail(results, denoiser, batch, e);
            return;
        }
        for (GrayImage output : outputs) {
            results.add(new ModelResult.Output(output, batch.size()));
        }
    }

    private static void splitOrFail(
            List<ModelResult> results, Denoiser denoiser, List<GrayImage> batch, RuntimeException failure) {
        if (batch.size() == 1) {
            results.add(new ModelResult.Failure(failure));
            return;
        }
        LOG.debug(
                "a batch of {} images failed ({}); splitting it to isolate the failing images",
                batch.size(),
                failure.toString());
        int half = batch.size() / 2;
        denoiseInto(results, denoiser, batch.subList(0, half));
        denoiseInto(results, denoiser, batch.subList(half, batch.size()));
    }

    private static List<GrayImage> checked(List<GrayImage> inputs, List<GrayImage> outputs) {
        if (outputs == null || outputs.size() != inputs.size()) {
            throw new IllegalStateException("the denoiser returned "
                    + (outputs == null ? "null" : outputs.size() + " images") + " for " + inputs.size() + " inputs");
        }
        for (int i = 0; i < inputs.size(); i++) {
            GrayImage output = outputs.get(i);
            if (output == null || !output.sameShapeAs(inputs.get(i))) {
                throw new IllegalStateException(
                        "the denoiser returned " + output + " for input " + i + ", a " + inputs.get(i));
            }
        }
        return outputs;
    }
}
