package io.denoiser.model.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.denoiser.model.artifact.TestArtifacts;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast training path must really be in use where it is available, and must compute what the
 * plain DL4J layers compute. On x86_64 the build puts the oneDNN build of libnd4j on the class path,
 * so there it must be available: if a dependency change drops it, these tests fail rather than
 * training silently falling back to the ~13x slower path.
 */
class OneDnnAccelerationTest {

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
        INDArray batch = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);

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

    @Test
    void shouldComputeTheSameOutputsAndGradientsAsThePlainLayers() {
        assumeTrue(OneDnnAcceleration.available());
        MultiLayerNetwork plain = TestArtifacts.untrainedNetwork();
        MultiLayerNetwork fast = OneDnnAcceleration.install(TestArtifacts.untrainedNetwork());
        INDArray input = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);
        INDArray target = Nd4j.rand(DataType.FLOAT, 16, 1, 28, 28);

        assertThat(maxAbsDifference(fast.output(input), plain.output(input))).isLessThan(1e-5);
        assertThat(maxAbsDifference(gradient(fast, input, target), gradient(plain, input, target)))
                .isLessThan(1e-5);
    }

    private static INDArray gradient(MultiLayerNetwork network, INDArray input, INDArray target) {
        network.setInput(input);
        network.setLabels(target);
        network.computeGradientAndScore();
        Gradient gradient = network.gradient();
        return gradient.gradient().dup();
    }

    private static double maxAbsDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
