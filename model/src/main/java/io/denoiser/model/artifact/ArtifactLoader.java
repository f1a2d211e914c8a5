package io.denoiser.model.artifact;

import com.fasterxml.jackson.core.JacksonException;
import io.denoiser.model.network.DenoisingAutoencoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a model artifact and refuses anything it cannot trust: a missing file, unreadable metadata,
 * an unknown format version, a network whose checksum differs from the metadata's (corrupt,
 * truncated or replaced), a network that cannot be restored, or one whose parameters or shapes
 * differ from what the metadata declares. Each refusal says which.
 */
public final class ArtifactLoader {

    private ArtifactLoader() {}

    /** A verified artifact: its metadata, the DL4J network, and the bytes of the equivalent ONNX graph. */
    // a loaded model is handed on, never compared or hashed; copying the ONNX bytes would buy nothing
    @SuppressWarnings("ArrayRecordComponent")
    public record LoadedModel(Path folder, ModelMetadata metadata, MultiLayerNetwork network, byte[] onnx) {}

    public static ModelMetadata readMetadata(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ArtifactException(folder, "folder not found (train a model, or point at models/default)");
        }
        Path file = ModelArtifact.metadata(folder);
        if (!Files.isRegularFile(file)) {
            throw new ArtifactException(
                    folder, ModelArtifact.METADATA + " is missing: not a model artifact, or an incomplete one");
        }
        ModelMetadata metadata;
        try {
            metadata = ModelArtifact.JSON.readValue(file.toFile(), ModelMetadata.class);
        } catch (JacksonException e) {
            throw new ArtifactException(
                    folder, ModelArtifact.METADATA + " is not valid metadata: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ArtifactException(folder, "cannot read " + ModelArtifact.METADATA + ": " + e.getMessage(), e);
        }
        if (metadata.formatVersion() != ModelMetadata.FORMAT_VERSION) {
            throw new ArtifactException(
                    folder,
                    "format version " + metadata.formatVersion() + " is not supported (this build reads "
                            + ModelMetadata.FORMAT_VERSION + ")");
        }
        if (metadata.files() == null
                || metadata.files().modelZipSha256() == null
                || metadata.files().modelOnnxSha256() == null
                || metadata.input() == null) {
            throw new ArtifactException(
                    folder, ModelArtifact.METADATA + " lacks the input shape or the model checksums");
        }
        return metadata;
    }

    public static LoadedModel load(Path folder) {
        ModelMetadata metadata = readMetadata(folder);
        Path zip = ModelArtifact.network(folder);
        verifyChecksum(folder, zip, ModelArtifact.NETWORK, metadata.files().modelZipSha256());
        Path onnx = ModelArtifact.onnx(folder);
        verifyChecksum(folder, onnx, ModelArtifact.ONNX, metadata.files().modelOnnxSha256());
        MultiLayerNetwork network = restore(folder, zip);
        verifyShape(folder, network, metadata);
        return new LoadedModel(folder, metadata, network, readAll(folder, onnx));
    }

    private static void verifyChecksum(Path folder, Path file, String name, String expected) {
        if (!Files.isRegularFile(file)) {
            throw new ArtifactException(folder, name + " is missing");
        }
        String actual;
        try {
            actual = Sha256.ofFile(file);
        } catch (IOException e) {
            throw new ArtifactException(folder, "cannot read " + name + ": " + e.getMessage(), e);
        }
        if (!actual.equals(expected)) {
            throw new ArtifactException(
                    folder,
                    "checksum mismatch for " + name + ": model.json expects sha256 " + expected + " but the file has "
                            + actual + " (corrupt, truncated or replaced)");
        }
    }

    private static byte[] readAll(Path folder, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ArtifactException(folder, "cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static MultiLayerNetwork restore(Path folder, Path zip) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new ArtifactException(
                    folder, ModelArtifact.NETWORK + " is not a readable DL4J network: " + e.getMessage(), e);
        }
    }

    private static void verifyShape(Path folder, MultiLayerNetwork network, ModelMetadata metadata) {
        ModelMetadata.InputSpec input = metadata.input();
        if (input.channels() != 1 || input.sideMultiple() != DenoisingAutoencoder.SIDE_MULTIPLE) {
            throw new ArtifactException(
                    folder,
                    "input spec " + input + " is not supported: expected 1 channel and sides"
                            + " that are multiples of " + DenoisingAutoencoder.SIDE_MULTIPLE);
        }
        if (network.numParams() != metadata.parameters()) {
            throw new ArtifactException(
                    folder,
                    "the network has " + network.numParams() + " parameters, model.json declares "
                            + metadata.parameters());
        }
        INDArray probe = Nd4j.zeros(DataType.FLOAT, 1, input.channels(), input.height(), input.width());
        long[] shape;
        try {
            shape = network.output(probe, false).shape();
        } catch (RuntimeException e) {
            throw new ArtifactException(
                    folder, "the network does not accept the declared input " + input + ": " + e.getMessage(), e);
        }
        if (shape.length != 4 || shape[1] != 1 || shape[2] != input.height() || shape[3] != input.width()) {
            throw new ArtifactException(
                    folder,
                    "the network maps the declared input " + input + " to shape " + java.util.Arrays.toString(shape)
                            + ", not to an image of the same size");
        }
    }
}
