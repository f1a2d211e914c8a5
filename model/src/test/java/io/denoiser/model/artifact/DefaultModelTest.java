package io.denoiser.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.noise.NoiseSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The committed {@code models/default}: intact, trained as documented, and as good as issue #2 requires. */
class DefaultModelTest {

    private static final Path ROOT =
            Path.of(System.getProperty("denoiser.root", "..")).toAbsolutePath().normalize();
    private static final Path DEFAULT_MODEL = ROOT.resolve("models/default");

    @Test
    void shouldLoadWithVerifiedChecksumsAndTheMnistInputShape() {
        ArtifactLoader.LoadedModel loaded = ArtifactLoader.load(DEFAULT_MODEL);

        assertThat(loaded.metadata().input().height()).isEqualTo(28);
        assertThat(loaded.metadata().input().width()).isEqualTo(28);
        assertThat(loaded.onnx()).isNotNull();
    }

    @Test
    void shouldReportATestPsnrOfAtLeast20Point3DbOnTheFullMnistTestSetWithTheDefaultNoise() {
        ModelMetadata metadata = ArtifactLoader.readMetadata(DEFAULT_MODEL);

        assertThat(metadata.noise()).isEqualTo(NoiseSpec.parse("gaussian:0.5"));
        assertThat(metadata.test().model().images()).isEqualTo(10_000);
        assertThat(metadata.test().model().psnr()).isGreaterThanOrEqualTo(20.3);
    }

    @Test
    void shouldHaveBeenTrainedOnTheMnistFilesTheFetchScriptVerifies() throws IOException {
        ModelMetadata metadata = ArtifactLoader.readMetadata(DEFAULT_MODEL);
        String fetchScript = Files.readString(ROOT.resolve("scripts/fetch-mnist.sh"));

        assertThat(metadata.datasets().training().images()).isEqualTo(60_000);
        assertThat(fetchScript)
                .contains("[train-images-idx3-ubyte]="
                        + metadata.datasets().training().sha256());
        assertThat(fetchScript)
                .contains(
                        "[t10k-images-idx3-ubyte]=" + metadata.datasets().test().sha256());
    }

    @Test
    void shouldRecordTheCommandsThatTrainedItAsTheReadmeShowsThem() throws IOException {
        ModelMetadata.Training training =
                ArtifactLoader.readMetadata(DEFAULT_MODEL).training();
        String readme = Files.readString(ROOT.resolve("README.md")).replace("\\\n    ", "");

        assertThat(readme).contains(training.command().replace("denoiser-trainer ", "./denoiser "));
        if (training.startedFrom() != null) {
            assertThat(readme)
                    .contains(training.startedFrom()
                            .command()
                            .replace("denoiser-trainer ", "./denoiser ")
                            .replace(" --resume", ""));
        }
    }
}
