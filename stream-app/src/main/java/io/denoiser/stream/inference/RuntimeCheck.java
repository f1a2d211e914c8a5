package io.denoiser.stream.inference;

import io.denoiser.model.artifact.ArtifactLoader.LoadedModel;
import io.denoiser.model.artifact.ModelMetadata.InputSpec;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Checks at start-up that a serving runtime computes what the artifact's DL4J network computes, on one probe
 * image of the declared input size. Why: ONNX Runtime runs a separate export of the network, and the oneDNN
 * helpers are put into DL4J's layers by reflection; a mismatch must stop the app before it publishes wrong
 * images, not show up as a lower PSNR days later.
 */
final class RuntimeCheck {

    /** Far above the runtimes' measured differences (below 2e-6), far below one grey level (3.9e-3). */
    static final float TOLERANCE = 1e-4f;

    private static final long PROBE_SEED = 20_260_101L;

    private RuntimeCheck() {}

    /** @throws ServingModelException naming the runtime and the difference, when they disagree */
    static void requireAgreement(Denoiser runtime, LoadedModel model) {
        GrayImage probe = probe(model.metadata().input());
        float[] expected =
                new Dl4jDenoiser(model.network()).denoise(List.of(probe)).get(0).pixels();
        float[] actual = runtime.denoise(List.of(probe)).get(0).pixels();
        float difference = maxDifference(expected, actual);
        if (!(difference <= TOLERANCE)) {
            throw new ServingModelException("model artifact " + model.folder() + ": " + runtime.name()
                    + " differs from the DL4J network by up to " + difference + " on a probe image (tolerance "
                    + TOLERANCE + "); model.onnx and model.zip do not match, or the runtime is broken here:"
                    + " use another model.runtime");
        }
    }

    private static GrayImage probe(InputSpec input) {
        SplittableRandom random = new SplittableRandom(PROBE_SEED);
        float[] pixels = new float[input.width() * input.height()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (float) random.nextDouble();
        }
        return new GrayImage(input.width(), input.height(), pixels);
    }

    private static float maxDifference(float[] expected, float[] actual) {
        float max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }
}
