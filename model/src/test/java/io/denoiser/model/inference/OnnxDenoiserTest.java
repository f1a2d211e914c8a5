package io.denoiser.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.TestImages;
import io.denoiser.model.artifact.TestArtifacts;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.onnx.OnnxExport;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The ONNX export served by ONNX Runtime must compute what the DL4J network computes. */
class OnnxDenoiserTest {

    private static final float TOLERANCE = 1e-5f;

    @Test
    void shouldMatchTheDl4jNetworkWithinOneHundredThousandthOnAFixedBatch() {
        MultiLayerNetwork network = trainedALittle();
        List<GrayImage> batch = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            batch.add(TestImages.random(28, 28, i));
        }

        List<GrayImage> expected = new Dl4jDenoiser(network).denoise(batch);
        try (OnnxDenoiser onnx = new OnnxDenoiser(OnnxExport.toOnnx(network, "test"), 1)) {
            assertSameImages(onnx.denoise(batch), expected);
        }
    }

    @Test
    void shouldServeOtherSizesAndMixedBatchesLikeTheDl4jNetwork() {
        MultiLayerNetwork network = trainedALittle();
        List<GrayImage> batch =
                List.of(TestImages.random(30, 21, 1), TestImages.random(28, 28, 2), TestImages.random(64, 48, 3));

        try (OnnxDenoiser onnx = new OnnxDenoiser(OnnxExport.toOnnx(network, "test"), 2)) {
            assertSameImages(onnx.denoise(batch), new Dl4jDenoiser(network).denoise(batch));
        }
    }

    /** A few Adam steps move the weights away from their initial symmetry, so outputs vary per pixel. */
    private static MultiLayerNetwork trainedALittle() {
        MultiLayerNetwork network = TestArtifacts.untrainedNetwork();
        var input = Nd4j.rand(DataType.FLOAT, 8, 1, 28, 28);
        for (int i = 0; i < 3; i++) {
            network.fit(new DataSet(input, input));
        }
        return network;
    }

    private static void assertSameImages(List<GrayImage> actual, List<GrayImage> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).width()).isEqualTo(expected.get(i).width());
            assertThat(actual.get(i).height()).isEqualTo(expected.get(i).height());
            assertThat(actual.get(i).pixels())
                    .usingComparatorWithPrecision(TOLERANCE)
                    .containsExactly(expected.get(i).pixels());
        }
    }
}
