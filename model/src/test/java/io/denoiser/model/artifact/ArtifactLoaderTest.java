package io.denoiser.model.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.TestImages;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.GreyLevelDifference;
import io.denoiser.model.image.ImageBatch;
import io.denoiser.model.inference.OnnxDenoiser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class ArtifactLoaderTest {

    @TempDir
    Path folder;

    private MultiLayerNetwork network;
    private ModelMetadata written;

    @BeforeEach
    void writeArtifact() {
        network = TestArtifacts.untrainedNetwork();
        written = TestArtifacts.write(folder, network);
    }

    @Test
    void shouldReproduceTheNetworksOutputsBitForBitAfterASaveLoadRoundTrip() {
        INDArray batch = ImageBatch.toTensor(TestImages.randomBatch(4, 28, 28, 4));

        ArtifactLoader.LoadedModel loaded = ArtifactLoader.load(folder);

        assertThat(loaded.network().output(batch).data().asFloat())
                .containsExactly(network.output(batch).data().asFloat());
        assertThat(loaded.metadata()).isEqualTo(written);
    }

    @Test
    void shouldRecordTheChecksumOfTheNetworkFileInTheMetadata() throws Exception {
        assertThat(written.files().modelZipSha256()).isEqualTo(Sha256.ofFile(folder.resolve("model.zip")));
        assertThat(written.modelVersion())
                .isEqualTo("conv-autoencoder-32x2@"
                        + written.files().modelZipSha256().substring(0, 12));
    }

    @Test
    void shouldRefuseANetworkFileWithOneByteChanged() throws Exception {
        Path zip = folder.resolve("model.zip");
        byte[] bytes = Files.readAllBytes(zip);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(zip, bytes);

        assertThatThrownBy(() -> ArtifactLoader.load(folder))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("checksum mismatch for model.zip")
                .hasMessageContaining("corrupt, truncated or replaced");
    }

    @Test
    void shouldRefuseAnOnnxFileThatDiffersFromTheOneWritten() throws Exception {
        Files.write(folder.resolve("model.onnx"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> ArtifactLoader.load(folder))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("checksum mismatch for model.onnx");
    }

    @Test
    void shouldCarryAnOnnxGraphThatPublishesTheGreyLevelsOfTheNetwork() {
        List<GrayImage> images = TestImages.randomBatch(2, 28, 28, 5);
        ArtifactLoader.LoadedModel loaded = ArtifactLoader.load(folder);

        try (OnnxDenoiser onnx = new OnnxDenoiser(loaded.onnx(), 1)) {
            List<GrayImage> served = onnx.denoise(images);
            List<GrayImage> expected = ImageBatch.toImages(network.output(ImageBatch.toTensor(images)));

            // the runtimes' floats differ in the last bits from CPU to CPU; what users get must not
            assertThat(GreyLevelDifference.max(served, expected)).isLessThanOrEqualTo(GreyLevelDifference.SAME_NETWORK);
        }
    }

    @Test
    void shouldRefuseATruncatedNetworkFileEvenWhenItsChecksumWasUpdated() throws Exception {
        Path zip = folder.resolve("model.zip");
        byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(bytes, bytes.length / 3));
        rewriteMetadata(written.withFiles(new ModelMetadata.Files(
                "model.zip", Sha256.ofFile(zip), "model.onnx", written.files().modelOnnxSha256())));

        assertThatThrownBy(() -> ArtifactLoader.load(folder))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining("model.zip is not a readable DL4J network");
    }

    @Test
    void shouldRefuseAFolderWithoutMetadata() throws Exception {
        Files.delete(folder.resolve("model.json"));

        assertThatThrownBy(() -> ArtifactLoader.load(folder))
                .hasMessage("model artifact " + folder
                        + ": model.json is missing: not a model artifact, or an incomplete one");
    }

    @Test
    void shouldRefuseAMissingFolder() {
        Path missing = folder.resolve("nope");

        assertThatThrownBy(() -> ArtifactLoader.load(missing)).hasMessageContaining("folder not found");
    }

    @Test
    void shouldRefuseMetadataThatIsNotJson() throws Exception {
        Files.writeString(folder.resolve("model.json"), "{ this is not json");

        assertThatThrownBy(() -> ArtifactLoader.load(folder)).hasMessageContaining("model.json is not valid metadata");
    }

    @Test
    void shouldRefuseAnUnknownFormatVersion() throws Exception {
        String json = Files.readString(folder.resolve("model.json"))
                .replace("\"formatVersion\" : 1", "\"formatVersion\" : 99");
        Files.writeString(folder.resolve("model.json"), json);

        assertThatThrownBy(() -> ArtifactLoader.load(folder))
                .hasMessageContaining("format version 99 is not supported");
    }

    @Test
    void shouldRefuseMetadataThatDeclaresADifferentParameterCount() throws Exception {
        rewriteMetadata(new ModelMetadata(
                written.formatVersion(),
                written.architecture(),
                written.input(),
                written.normalisation(),
                written.noise(),
                written.datasets(),
                written.training(),
                written.history(),
                written.test(),
                1234,
                written.createdAt(),
                written.trainerVersion(),
                written.files()));

        assertThatThrownBy(() -> ArtifactLoader.load(folder))
                .hasMessageContaining("the network has 28353 parameters, model.json declares 1234");
    }

    @Test
    void shouldRefuseAnInputShapeTheNetworkCannotServe() throws Exception {
        rewriteMetadata(new ModelMetadata(
                written.formatVersion(),
                written.architecture(),
                new ModelMetadata.InputSpec(28, 28, 3, "NCHW", 4),
                written.normalisation(),
                written.noise(),
                written.datasets(),
                written.training(),
                written.history(),
                written.test(),
                written.parameters(),
                written.createdAt(),
                written.trainerVersion(),
                written.files()));

        assertThatThrownBy(() -> ArtifactLoader.load(folder)).hasMessageContaining("expected 1 channel");
    }

    private void rewriteMetadata(ModelMetadata metadata) throws Exception {
        ModelArtifact.JSON.writeValue(folder.resolve("model.json").toFile(), metadata);
    }
}
