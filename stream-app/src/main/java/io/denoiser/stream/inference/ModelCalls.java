package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.stream.health.ModelHealth;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One task's model, with the guard rails of every call:
 * <ul>
 *   <li>What counts as a failed call ({@link ModelCallFailure}): a {@link RuntimeException}; an {@link
 *       OutOfMemoryError}, since a smaller call may fit where this one did not; an answer that breaks the {@link
 *       Denoiser} contract (count or sizes); a pixel that is NaN or infinite, which would otherwise be published
 *       as black. Any other {@link Error} is left to stop the app: the runtime or the JVM may be unusable.
 *   <li>Each call is recorded in {@link InFlightCalls} while it runs, so that a call the app does not survive is
 *       known after the restart.
 *   <li>The first failed call of a flush is followed by a call on a {@link ModelProbe} image. If that fails too,
 *       the model is broken rather than the images: {@link ModelHealth} records it and {@link
 *       ModelBrokenException} stops the flush, before anything is published.
 * </ul>
 * Not thread-safe: one per task.
 */
final class ModelCalls {

    private final Denoiser denoiser;
    private final InFlightCalls inFlight;
    private final ModelHealth health;
    private boolean probed;

    ModelCalls(Denoiser denoiser, InFlightCalls inFlight, ModelHealth health) {
        this.denoiser = Objects.requireNonNull(denoiser, "denoiser");
        this.inFlight = Objects.requireNonNull(inFlight, "inFlight");
        this.health = Objects.requireNonNull(health, "health");
    }

    /** A model without records of its calls nor anyone to tell that it broke: for tests of the bisection. */
    static ModelCalls unguarded(Denoiser denoiser) {
        return new ModelCalls(denoiser, InFlightCalls.none(), new ModelHealth());
    }

    /** A new flush begins: its first failure is probed again. */
    void startFlush() {
        probed = false;
    }

    /**
     * Denoises the inputs in one call.
     *
     * @return one output per input, in input order, each of its input's size, every pixel a number
     * @throws ModelCallFailure when the call failed in a way the app survives
     */
    List<GrayImage> call(List<ModelInput> inputs) {
        List<GrayImage> images = new ArrayList<>(inputs.size());
        List<SourceCoordinates> sources = new ArrayList<>(inputs.size());
        for (ModelInput input : inputs) {
            images.add(input.image());
            sources.add(input.source());
        }
        inFlight.starting(sources);
        List<GrayImage> outputs;
        try {
            outputs = guarded(images);
        } catch (ModelCallFailure failure) {
            inFlight.ended();
            throw failure;
        }
        // not in a finally: after any other Error the record must outlive the app
        inFlight.ended();
        return checked(images, outputs);
    }

    /**
     * Called after a failed call, before the images are blamed: the first time in a flush, denoises a probe image.
     *
     * @throws ModelBrokenException when the probe fails too
     */
    void requireWorking(ModelCallFailure failure) {
        if (probed) {
            return;
        }
        probed = true;
        GrayImage probe = ModelProbe.image();
        try {
            checked(List.of(probe), guarded(List.of(probe)));
        } catch (ModelCallFailure probeFailure) {
            String reason = "the model is broken: a call failed (" + failure.getMessage() + ") and so did a "
                    + probe.width() + "x" + probe.height() + " probe image that a working model denoises ("
                    + probeFailure.getMessage() + ")";
            health.judgeBroken(reason);
            ModelBrokenException broken = new ModelBrokenException(reason, failure);
            broken.addSuppressed(probeFailure);
            throw broken;
        }
    }

    /** The call; an exception or an out-of-memory error becomes a {@link ModelCallFailure}, other errors pass. */
    private List<GrayImage> guarded(List<GrayImage> images) {
        try {
            return denoiser.denoise(images);
        } catch (RuntimeException e) {
            throw new ModelCallFailure(e.getMessage() == null ? e.toString() : e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new ModelCallFailure(
                    "out of memory in a call of " + images.size() + " images, " + pixels(images) + " pixels ("
                            + e.getMessage() + "); lower max.batch.pixels or give the app more memory",
                    e);
        }
    }

    private static List<GrayImage> checked(List<GrayImage> inputs, List<GrayImage> outputs) {
        if (outputs == null || outputs.size() != inputs.size()) {
            throw new ModelCallFailure("the denoiser returned "
                    + (outputs == null ? "null" : outputs.size() + " images") + " for " + inputs.size() + " inputs");
        }
        for (int i = 0; i < inputs.size(); i++) {
            GrayImage output = outputs.get(i);
            if (output == null || !output.sameShapeAs(inputs.get(i))) {
                throw new ModelCallFailure(
                        "the denoiser returned " + output + " for input " + i + ", a " + inputs.get(i));
            }
            requireNumbers(output, i, inputs.size());
        }
        return outputs;
    }

    private static void requireNumbers(GrayImage output, int index, int count) {
        for (float pixel : output.pixels()) {
            if (!Float.isFinite(pixel)) {
                throw new ModelCallFailure(
                        "the model returned a pixel that is " + pixel + " in image " + (index + 1) + " of " + count);
            }
        }
    }

    private static long pixels(List<GrayImage> images) {
        long pixels = 0;
        for (GrayImage image : images) {
            pixels += image.pixelCount();
        }
        return pixels;
    }
}
