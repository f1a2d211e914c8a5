package io.denoiser.testkit;

import io.denoiser.schemas.records.Reconstruction;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a reconstruction, in the words of the domain. */
public final class ReconstructionAssert extends AbstractAssert<ReconstructionAssert, Reconstruction> {

    ReconstructionAssert(Reconstruction actual) {
        super(actual, ReconstructionAssert.class);
    }

    /** The reconstruction's PSNR against the clean reference it was published with is at least {@code decibels}. */
    public ReconstructionAssert hasPsnrAtLeast(double decibels) {
        isNotNull();
        if (actual.psnr() == null) {
            failWithMessage(
                    "Expected image %s to have a PSNR of at least %.2f dB, but it has none: it was published"
                            + " without a clean reference",
                    actual.id(), decibels);
        } else if (actual.psnr() < decibels) {
            failWithMessage(
                    "Expected image %s to have a PSNR of at least %.2f dB, but it has %.2f dB",
                    actual.id(), decibels, actual.psnr());
        }
        return this;
    }

    /** The reconstruction's SSIM against its clean reference is at least {@code ssim}. */
    public ReconstructionAssert hasSsimAtLeast(double ssim) {
        isNotNull();
        if (actual.ssim() == null || actual.ssim() < ssim) {
            failWithMessage(
                    "Expected image %s to have an SSIM of at least %.3f, but it has %s",
                    actual.id(), ssim, actual.ssim());
        }
        return this;
    }

    /** The image has this id (the key it was published under). */
    public ReconstructionAssert hasId(String id) {
        isNotNull();
        if (!actual.id().equals(id)) {
            failWithMessage("Expected a reconstruction of image %s, but it is of %s", id, actual.id());
        }
        return this;
    }

    /** The reconstruction has the size of its input. */
    public ReconstructionAssert hasSize(int width, int height) {
        isNotNull();
        if (actual.width() != width || actual.height() != height) {
            failWithMessage(
                    "Expected image %s to be %dx%d, but it is %dx%d",
                    actual.id(), width, height, actual.width(), actual.height());
        }
        return this;
    }

    /** This model version made the reconstruction. */
    public ReconstructionAssert wasMadeBy(String modelVersion) {
        isNotNull();
        if (!actual.modelVersion().equals(modelVersion)) {
            failWithMessage(
                    "Expected image %s to be made by model %s, but it was made by %s",
                    actual.id(), modelVersion, actual.modelVersion());
        }
        return this;
    }
}
