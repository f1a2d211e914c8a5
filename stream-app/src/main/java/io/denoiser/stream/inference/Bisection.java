package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a batch through the model in one call and, when that call fails, splits the batch in halves and
 * retries each, down to single images: the images that fail alone are isolated, every other image still
 * gets its reconstruction. A failure of k images in a batch of n costs about 2k·log2(n) extra calls. What
 * counts as a failed call is {@link ModelCalls}'s to say; before blaming any image, it checks that the model
 * still works at all ({@link ModelCalls#requireWorking}), so a broken model stops the app instead of
 * dead-lettering the stream.
 */
final class Bisection {

    private static final Logger LOG = LoggerFactory.getLogger(Bisection.class);

    private Bisection() {}

    /**
     * One result per input, in input order.
     *
     * @throws ModelBrokenException when a call fails and the model fails its probe too
     */
    static List<ModelResult> denoise(ModelCalls model, List<ModelInput> inputs) {
        List<ModelResult> results = new ArrayList<>(inputs.size());
        if (!inputs.isEmpty()) {
            denoiseInto(results, model, inputs);
        }
        return results;
    }

    private static void denoiseInto(List<ModelResult> results, ModelCalls model, List<ModelInput> batch) {
        List<GrayImage> outputs;
        try {
            outputs = model.call(batch);
        } catch (ModelCallFailure failure) {
            model.requireWorking(failure);
            splitOrFail(results, model, batch, failure);
            return;
        }
        for (GrayImage output : outputs) {
            results.add(new ModelResult.Output(output, batch.size()));
        }
    }

    private static void splitOrFail(
            List<ModelResult> results, ModelCalls model, List<ModelInput> batch, ModelCallFailure failure) {
        if (batch.size() == 1) {
            results.add(
                    new ModelResult.Failure(failure.getCause() instanceof RuntimeException cause ? cause : failure));
            return;
        }
        LOG.debug(
                "a batch of {} images failed ({}); splitting it to isolate the failing images",
                batch.size(),
                failure.getMessage());
        int half = batch.size() / 2;
        denoiseInto(results, model, batch.subList(0, half));
        denoiseInto(results, model, batch.subList(half, batch.size()));
    }
}
