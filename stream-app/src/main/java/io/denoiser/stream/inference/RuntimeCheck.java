package io.denoiser.stream.inference;

import io.denoiser.model.artifact.ArtifactLoader.LoadedModel;
import io.denoiser.model.artifact.ModelMetadata.InputSpec;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.GreyLevelDifference;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import java.util.List;

/**
 * Checks at start-up that a serving runtime publishes what the artifact's DL4J network publishes, on a few
 * probe images of the declared input size. Why: ONNX Runtime runs a separate export of the network, and the
 * oneDNN helpers are put into DL4J's layers by reflection; a mismatch must stop the app before it publishes
 * wrong images, not show up as a lower PSNR days later.
 *
 * <p>Compared in published grey levels, allowing {@link GreyLevelDifference#SAME_NETWORK one level}: the
 * runtimes' floats differ in the last bits, by an amount that depends on the CPU's kernels, while an export that
 * does not match its network moves pixels by many levels.
 */
final class RuntimeCheck {

    private static final int PROBES = 4;

    private RuntimeCheck() {}

    /** @throws ServingModelException naming the runtime and the difference, when they disagree */
    static void requireAgreement(Denoiser runtime, LoadedModel model) {
        InputSpec input = model.metadata().input();
        List<GrayImage> probes = ModelProbe.images(input.width(), input.height(), PROBES);
        List<GrayImage> expected = new Dl4jDenoiser(model.network()).denoise(probes);
        int levels = GreyLevelDifference.max(runtime.denoise(probes), expected);
        if (levels > GreyLevelDifference.SAME_NETWORK) {
            throw new ServingModelException("model artifact " + model.folder() + ": " + runtime.name()
                    + " differs from the DL4J network by up to " + levels + " grey levels on probe images (at most "
                    + GreyLevelDifference.SAME_NETWORK + " allowed); model.onnx and model.zip do not match, or the"
                    + " runtime is broken here: use another model.runtime");
        }
    }
}
