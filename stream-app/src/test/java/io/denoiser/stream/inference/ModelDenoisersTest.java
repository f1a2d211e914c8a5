package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.GreyLevelDifference;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.network.OneDnnAcceleration;
import io.denoiser.stream.fixtures.TestArtifacts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each runtime loads a real artifact and publishes what the plain DL4J network publishes: the same grey levels,
 * at most one apart where the runtimes' float noise (which depends on the CPU) crosses a rounding boundary.
 */
class ModelDenoisersTest {

    @TempDir
    static Path folder;

    private static Path artifact;
    private static ModelMetadata metadata;
    private static List<GrayImage> batch;
    private static List<GrayImage> expected;

    @BeforeAll
    static void writeArtifactAndDenoiseWithThePlainNetwork() {
        MultiLayerNetwork network = TestArtifacts.network();
        artifact = folder.resolve("model");
        metadata = TestArtifacts.write(artifact, network);
        batch = new ArrayList<>(TestArtifacts.randomImages(8, 28, 28, 1));
        batch.addAll(TestArtifacts.randomImages(2, 30, 21, 2)); // another size: padded, then cropped back
        expected = new Dl4jDenoiser(network).denoise(batch);
    }

    @ParameterizedTest
    @EnumSource(ModelRuntime.class)
    void shouldPublishTheGreyLevelsOfTheDl4jNetworkOnEveryRuntime(ModelRuntime runtime) {
        // given
        try (ServingModel model = ModelDenoisers.load(artifact, runtime, 1);
                Denoiser denoiser = model.denoisers().get()) {

            // when
            List<GrayImage> actual = denoiser.denoise(batch);

            // then
            assertThat(model.version()).isEqualTo(metadata.modelVersion());
            assertThat(model.runtime()).isEqualTo(expectedRuntimeName(runtime)).isEqualTo(denoiser.name());
            assertThat(model.threadsPerCall()).isEqualTo(1);
            assertSameImages(actual, expected);
        }
    }

    @Test
    void shouldShareOneOnnxSessionThatOnlyTheModelCloses() {
        // given
        ServingModel model = ModelDenoisers.load(artifact, ModelRuntime.ONNX, 1);
        Denoiser firstTask = model.denoisers().get();
        Denoiser secondTask = model.denoisers().get();

        // when
        firstTask.close();

        // then
        assertSameImages(secondTask.denoise(batch), expected);

        // when
        model.close();

        // then
        assertThatThrownBy(() -> secondTask.denoise(batch)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldGiveEachTaskItsOwnNetworkOnDl4j() {
        try (ServingModel model = ModelDenoisers.load(artifact, ModelRuntime.DL4J, 1);
                Denoiser secondTask = model.denoisers().get()) {
            Denoiser firstTask = model.denoisers().get();

            // when
            firstTask.close();

            // then
            assertThat(secondTask).isNotSameAs(firstTask);
            assertSameImages(secondTask.denoise(batch), expected);
        }
    }

    @Test
    void shouldRefuseAFolderThatIsNoArtifactNamingIt() {
        Path notAnArtifact = folder.resolve("no-model-here");

        assertThatThrownBy(() -> ModelDenoisers.load(notAnArtifact, ModelRuntime.ONNX, 1))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(notAnArtifact.toString());
    }

    private static String expectedRuntimeName(ModelRuntime runtime) {
        return switch (runtime) {
            case ONNX -> "onnxruntime";
            case DL4J -> OneDnnAcceleration.available() ? "dl4j-onednn" : "dl4j-plain";
            case DL4J_PLAIN -> "dl4j-plain";
        };
    }

    /** What users get is the same on every runtime: the published grey levels, at most one level apart. */
    private static void assertSameImages(List<GrayImage> actual, List<GrayImage> expected) {
        assertThat(actual)
                .extracting(GrayImage::width, GrayImage::height)
                .containsExactlyElementsOf(expected.stream()
                        .map(image -> tuple(image.width(), image.height()))
                        .toList());
        assertThat(GreyLevelDifference.max(actual, expected)).isLessThanOrEqualTo(GreyLevelDifference.SAME_NETWORK);
    }
}
