package io.denoiser.model.artifact;

import io.denoiser.model.onnx.OnnxExport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Writes a model artifact folder: the network, its pictures, and last the metadata with checksums. */
public final class ArtifactWriter {

    private ArtifactWriter() {}

    /**
     * Writes the artifact into {@code folder} (created if needed) and returns the metadata as written,
     * with the network file's checksum filled in. The metadata goes last, so a folder whose
     * {@code model.json} exists is complete.
     */
    public static ModelMetadata write(
            Path folder, MultiLayerNetwork network, ModelMetadata metadata, Map<String, BufferedImage> pictures) {
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(ModelArtifact.metadata(folder));
            Path zip = ModelArtifact.network(folder);
            ModelSerializer.writeModel(network, zip.toFile(), false);
            Path onnx = ModelArtifact.onnx(folder);
            Files.write(onnx, OnnxExport.toOnnx(network, metadata.architecture()));
            for (Map.Entry<String, BufferedImage> picture : pictures.entrySet()) {
                ImageIO.write(
                        picture.getValue(),
                        "png",
                        folder.resolve(picture.getKey()).toFile());
            }
            ModelMetadata complete = metadata.withFiles(new ModelMetadata.Files(
                    ModelArtifact.NETWORK, Sha256.ofFile(zip), ModelArtifact.ONNX, Sha256.ofFile(onnx)));
            ModelArtifact.JSON.writeValue(ModelArtifact.metadata(folder).toFile(), complete);
            return complete;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model artifact into " + folder + ": " + e.getMessage(), e);
        }
    }
}
