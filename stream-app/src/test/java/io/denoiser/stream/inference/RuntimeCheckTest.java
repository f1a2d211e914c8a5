package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ArtifactLoader.LoadedModel;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.inference.OnnxDenoiser;
import io.denoiser.model.onnx.OnnxExport;
import io.denoiser.stream.fixtures.TestArtifacts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up gate lets a runtime serve only when it publishes the grey levels of the artifact's network. */
class RuntimeCheckTest {

    @TempDir
    static Path folder;

    private static LoadedModel model;

    @BeforeAll
    static void loadAnArtifact() {
        TestArtifacts.write(folder, TestArtifacts.network());
        model = ArtifactLoader.load(folder);
    }

    @Test
    void shouldLetTheOnnxExportOfTheNetworkServe() {
        try (OnnxDenoiser onnx = new OnnxDenoiser(model.onnx(), 1)) {
            assertThatCode(() -> RuntimeCheck.requireAgreement(onnx, model)).doesNotThrowAnyException();
        }
    }

    @Test
    void shouldStopARuntimeThatIsTwoGreyLevelsOffNamingItAndTheDifference() {
        Denoiser twoLevelsBrighter = new Shifted(new Dl4jDenoiser(model.network()), 2 / 255f);

        assertThatThrownBy(() -> RuntimeCheck.requireAgreement(twoLevelsBrighter, model))
                .isInstanceOf(ServingModelException.class)
                .hasMessageContaining("shifted differs from the DL4J network by up to")
                .hasMessageContaining("grey levels")
                .hasMessageContaining(folder.toString());
    }

    @Test
    void shouldStopTheOnnxExportOfAnotherNetwork() {
        try (OnnxDenoiser other = new OnnxDenoiser(OnnxExport.toOnnx(TestArtifacts.otherNetwork(), "other"), 1)) {
            assertThatThrownBy(() -> RuntimeCheck.requireAgreement(other, model))
                    .isInstanceOf(ServingModelException.class)
                    .hasMessageContaining("use another model.runtime");
        }
    }

    /** A runtime whose every pixel comes out brighter by a fixed amount. */
    private record Shifted(Denoiser inner, float by) implements Denoiser {

        @Override
        public List<GrayImage> denoise(List<GrayImage> batch) {
            return inner.denoise(batch).stream().map(this::shift).toList();
        }

        private GrayImage shift(GrayImage image) {
            float[] pixels = image.pixels().clone();
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = Math.min(1f, pixels[i] + by);
            }
            return new GrayImage(image.width(), image.height(), pixels);
        }

        @Override
        public String name() {
            return "shifted";
        }

        @Override
        public void close() {}
    }
}
