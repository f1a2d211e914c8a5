package io.denoiser.model.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.denoiser.model.TestImages;
import io.denoiser.model.artifact.TestArtifacts;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.GreyLevelDifference;
import io.denoiser.model.image.ImageBatch;
import io.denoiser.model.network.DenoisingAutoencoder;
import io.denoiser.model.onnx.OnnxExport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * The ONNX export served by ONNX Runtime must give users what the DL4J network gives them: the same published
 * reconstructions, at most one grey level apart where float noise of other kernels crosses a rounding boundary.
 */
class OnnxDenoiserTest {

    @Test
    void shouldPublishTheGreyLevelsOfTheDl4jNetworkOnAFixedBatch() {
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
    void shouldPublishTheGreyLevelsOfTheDl4jNetworkForOtherSizesAndMixedBatches() {
        MultiLayerNetwork network = trainedALittle();
        List<GrayImage> batch =
                List.of(TestImages.random(30, 21, 1), TestImages.random(28, 28, 2), TestImages.random(64, 48, 3));

        try (OnnxDenoiser onnx = new OnnxDenoiser(OnnxExport.toOnnx(network, "test"), 2)) {
            assertSameImages(onnx.denoise(batch), new Dl4jDenoiser(network).denoise(batch));
        }
    }

    /**
     * Each calling thread keeps its input and output memory between calls: a call must never see what an earlier,
     * larger or smaller, call left there, nor what another thread writes, and a call larger than what is kept gets
     * memory of its own.
     */
    @Test
    void shouldGiveEveryCallItsOwnImagesWhateverTheCallsBeforeIt() throws Exception {
        MultiLayerNetwork network = trainedALittle();
        Dl4jDenoiser reference = new Dl4jDenoiser(network);
        List<GrayImage> large = TestImages.randomBatch(16, 28, 28, 21);
        List<GrayImage> small = TestImages.randomBatch(3, 28, 28, 22);
        List<GrayImage> aboveKept = TestImages.randomBatch(2, 400, 400, 23);
        List<GrayImage> expectedLarge = reference.denoise(large);
        List<GrayImage> expectedSmall = reference.denoise(small);
        List<GrayImage> expectedAboveKept = reference.denoise(aboveKept);

        try (OnnxDenoiser onnx = new OnnxDenoiser(OnnxExport.toOnnx(network, "test"), 1)) {
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int thread = 0; thread < 2; thread++) {
                    calls.add(threads.submit(() -> {
                        for (int round = 0; round < 5; round++) {
                            assertSameImages(onnx.denoise(large), expectedLarge);
                            assertSameImages(onnx.denoise(small), expectedSmall);
                            assertSameImages(onnx.denoise(aboveKept), expectedAboveKept);
                        }
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                threads.shutdownNow();
            }
        }
    }

    @Test
    void shouldTellTheGreyLevelsOfANetworkWithOtherWeightsApart() {
        MultiLayerNetwork network = trainedALittle();
        List<GrayImage> batch = TestImages.randomBatch(4, 28, 28, 11);
        MultiLayerNetwork other = DenoisingAutoencoder.create(124, new FixedSchedule(1e-3));

        try (OnnxDenoiser onnx = new OnnxDenoiser(OnnxExport.toOnnx(other, "other"), 1)) {
            assertThat(GreyLevelDifference.max(onnx.denoise(batch), new Dl4jDenoiser(network).denoise(batch)))
                    .as("the comparison above can fail")
                    .isGreaterThan(GreyLevelDifference.SAME_NETWORK);
        }
    }

    /** A few Adam steps move the weights away from their initial symmetry, so outputs vary per pixel. */
    private static MultiLayerNetwork trainedALittle() {
        MultiLayerNetwork network = TestArtifacts.untrainedNetwork();
        var input = ImageBatch.toTensor(TestImages.randomBatch(8, 28, 28, 7));
        for (int i = 0; i < 3; i++) {
            network.fit(new DataSet(input, input));
        }
        return network;
    }

    private static void assertSameImages(List<GrayImage> actual, List<GrayImage> expected) {
        assertThat(actual)
                .extracting(GrayImage::width, GrayImage::height)
                .containsExactlyElementsOf(expected.stream()
                        .map(image -> tuple(image.width(), image.height()))
                        .toList());
        assertThat(GreyLevelDifference.max(actual, expected)).isLessThanOrEqualTo(GreyLevelDifference.SAME_NETWORK);
    }
}
