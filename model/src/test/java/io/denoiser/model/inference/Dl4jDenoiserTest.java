package io.denoiser.model.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.TestImages;
import io.denoiser.model.artifact.TestArtifacts;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.GreyLevelDifference;
import io.denoiser.model.image.ImageBatch;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class Dl4jDenoiserTest {

    private final MultiLayerNetwork network = TestArtifacts.untrainedNetwork();
    private final Denoiser denoiser = new Dl4jDenoiser(network);

    @Test
    void shouldReturnOneReconstructionPerImageInInputOrderEachTheSizeOfItsInput() {
        List<GrayImage> inputs = List.of(
                TestImages.random(28, 28, 1),
                TestImages.random(30, 21, 2),
                TestImages.random(28, 28, 3),
                TestImages.random(64, 64, 4));

        List<GrayImage> outputs = denoiser.denoise(inputs);

        assertThat(outputs).hasSize(4);
        for (int i = 0; i < inputs.size(); i++) {
            assertThat(outputs.get(i).width()).isEqualTo(inputs.get(i).width());
            assertThat(outputs.get(i).height()).isEqualTo(inputs.get(i).height());
        }
    }

    /**
     * An image shares its model call with the others of its size (here one partner; the image of another size
     * goes in a call of its own), and must come out as it would alone: not mixed with its partner. Compared in
     * published grey levels, since a batch of two may run other GEMM kernels than a batch of one.
     */
    @Test
    void shouldGiveEachImageTheSameResultWhetherAloneOrInAMixedBatch() {
        GrayImage image = TestImages.random(28, 28, 1);
        GrayImage partner = TestImages.random(28, 28, 9);
        GrayImage otherSize = TestImages.random(32, 20, 9);

        GrayImage alone = denoiser.denoise(List.of(image)).get(0);
        GrayImage partnerAlone = denoiser.denoise(List.of(partner)).get(0);
        List<GrayImage> batched = denoiser.denoise(List.of(partner, otherSize, image));

        assertThat(GreyLevelDifference.max(batched.get(2), alone))
                .isLessThanOrEqualTo(GreyLevelDifference.SAME_NETWORK);
        assertThat(GreyLevelDifference.max(batched.get(0), partnerAlone))
                .isLessThanOrEqualTo(GreyLevelDifference.SAME_NETWORK);
        assertThat(GreyLevelDifference.max(alone, partnerAlone))
                .as("the two images' reconstructions differ, so a mix-up would show")
                .isGreaterThan(GreyLevelDifference.SAME_NETWORK);
    }

    @Test
    void shouldMatchTheNetworksOwnOutputForModelSizedImages() {
        List<GrayImage> inputs = List.of(TestImages.random(28, 28, 1), TestImages.random(28, 28, 2));

        List<GrayImage> expected = ImageBatch.toImages(network.output(ImageBatch.toTensor(inputs)));

        assertThat(denoiser.denoise(inputs)).isEqualTo(expected);
    }

    @Test
    void shouldReturnNothingForAnEmptyBatch() {
        assertThat(denoiser.denoise(List.of())).isEmpty();
    }

    @Test
    void shouldProduceSigmoidOutputsInTheUnitRange() {
        for (float v :
                denoiser.denoise(List.of(TestImages.random(28, 28, 5))).get(0).pixels()) {
            assertThat(v).isBetween(0f, 1f);
        }
    }
}
