package io.denoiser.model.artifact;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;

/**
 * The layout of a model artifact folder: the only thing the trainer and the stream app share.
 *
 * <pre>
 * model.json    metadata ({@link ModelMetadata}), including the SHA-256 of model.zip
 * model.zip     the DL4J network (ModelSerializer format, without updater state)
 * model.onnx    the same network as an ONNX graph (opset 13), for ONNX Runtime or any other runtime
 * samples.png   rows of noisy, denoised and clean test images
 * curve.png     validation BCE and PSNR per epoch
 * </pre>
 */
public final class ModelArtifact {

    public static final String METADATA = "model.json";
    public static final String NETWORK = "model.zip";
    public static final String ONNX = "model.onnx";
    public static final String SAMPLES = "samples.png";
    public static final String CURVE = "curve.png";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ModelArtifact() {}

    public static Path metadata(Path folder) {
        return folder.resolve(METADATA);
    }

    public static Path network(Path folder) {
        return folder.resolve(NETWORK);
    }

    public static Path onnx(Path folder) {
        return folder.resolve(ONNX);
    }
}
