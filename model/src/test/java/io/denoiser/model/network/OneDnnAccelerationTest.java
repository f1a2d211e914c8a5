package io.denoiser.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.denoiser.model.TestImages;
import io.denoiser.model.artifact.TestArtifacts;
import io.denoiser.model.image.GreyLevelDifference;
import io.denoiser.model.image.ImageBatch;
import java.util.Locale;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The fast training path must really be in use where it is available, and must compute what the
 * plain DL4J layers compute. On x86_64 the build puts the oneDNN build of libnd4j on the class path,
 * so there it must be available: if a dependency change drops it, these tests fail rather than
 * training silently falling back to the ~13x slower path.
 */
class OneDnnAccelerationTest {

    /**
     * Float noise of one kernel against another, relative to the gradient's size, is around 1e-6 (measured
     * under every OPENBLAS_CORETYPE and with ONEDNN_MAX_CPU_ISA=AVX2, see the README's Testing section); a
     * wrong layer or a missed update would be of order 1.
     */
    private static final double GRADIENT_RELATIVE_ERROR = 1e-4;

    private static final boolean X86_64 =
            "amd64".equals(System.getProperty("os.arch")) || "x86_64".equals(System.getProperty("os.arch"));

    @Test
    void shouldBeAvailableOnX86_64() {
        assumeTrue(X86_64, "the oneDNN build of libnd4j exists for x86_64 only");

        assertThat(OneDnnAcceleration.available()).isTrue();
    }

    @Test
    void shouldRunEveryConvolutionOnOneDnnAndNeverFallBackWhileTraining() {
        assumeTrue(OneDnnAcceleration.available());
        MultiLayerNetwork network = OneDnnAcceleration.install(TestArtifacts.untrainedNetwork());
        INDArray batch = ImageBatch.toTensor(TestImages.randomBatch(8, 28, 28, 3));

        network.fit(new DataSet(batch, batch));
        network.fit(new DataSet(batch, batch));

        OneDnnAcceleration.Status status = OneDnnAcceleration.status(network);
        assertThat(status.convolutionLayers()).isEqualTo(5);
        assertThat(status.fullyAccelerated()).as(status.toString()).isTrue();
    }

    @Test
    void plainNetworkShouldReportNoAcceleration() {
        assertThat(OneDnnAcceleration.status(TestArtifacts.untrainedNetwork()).fullyAccelerated())
                .isFalse();
    }

    /**
     * What a user gets is the same on both paths: reconstructions at most one grey level apart, and training
     * steps in the same direction, gradients differing by a tiny fraction of their size. Not a fixed absolute
     * tolerance: the plain path's convolutions run on OpenBLAS and the fast one on oneDNN, each with kernels
     * chosen per CPU, so their floats differ in the last bits by an amount that depends on the machine
     * (measured: 1.4e-5 to 1.6e-5 absolute on a Zen 5, below 1e-5 on a Zen 1).
     */
    @Test
    void shouldReconstructTheSameGreyLevelsAndStepInTheSameDirectionAsThePlainLayers() {
        assumeTrue(OneDnnAcceleration.available());
        MultiLayerNetwork plain = TestArtifacts.untrainedNetwork();
        MultiLayerNetwork fast = OneDnnAcceleration.install(TestArtifacts.untrainedNetwork());
        INDArray input = ImageBatch.toTensor(TestImages.randomBatch(16, 28, 28, 1));
        INDArray target = ImageBatch.toTensor(TestImages.randomBatch(16, 28, 28, 2));

        int levels = GreyLevelDifference.max(
                ImageBatch.toImages(fast.output(input)), ImageBatch.toImages(plain.output(input)));
        double relativeError = relativeError(gradient(fast, input, target), gradient(plain, input, target));

        System.out.printf(
                Locale.ROOT,
                "oneDNN vs plain DL4J: outputs %d grey levels apart, gradients %.2e apart relative to their norm%n",
                levels,
                relativeError);
        assertThat(levels).isLessThanOrEqualTo(GreyLevelDifference.SAME_NETWORK);
        assertThat(relativeError).isLessThan(GRADIENT_RELATIVE_ERROR);
    }

    private static INDArray gradient(MultiLayerNetwork network, INDArray input, INDArray target) {
        network.setInput(input);
        network.setLabels(target);
        network.computeGradientAndScore();
        Gradient gradient = network.gradient();
        return gradient.gradient().dup();
    }

    /** |a - b| / |b| in the L2 norm over all parameters: independent of the gradients' scale. */
    private static double relativeError(INDArray a, INDArray b) {
        return a.sub(b).norm2Number().doubleValue() / b.norm2Number().doubleValue();
    }
}
