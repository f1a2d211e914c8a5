package io.denoiser.model.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.onnx.OnnxExport;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inference through ONNX Runtime on the network exported by {@link OnnxExport}: the fast serving
 * path (see docs/BENCHMARKS.md), checked against the DL4J network in tests.
 *
 * <p>Thread-safety: ONNX Runtime documents {@code OrtSession.run} as safe for concurrent calls, so one
 * instance may serve several stream threads; {@code intraOpThreads} bounds the threads of one call.
 */
public final class OnnxDenoiser implements Denoiser {

    private final OrtEnvironment environment;
    private final OrtSession session;

    public OnnxDenoiser(byte[] onnxModel, int intraOpThreads) {
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            // ONNX Runtime's pool threads otherwise spin after each call, waiting for the next: in a process
            // that also runs Kafka clients (or a broker) they take a core from them (docs/BENCHMARKS.md)
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(onnxModel, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
    }

    @Override
    public List<GrayImage> denoise(List<GrayImage> noisy) {
        return ShapeGroups.apply(noisy, this::sameShapeBatch);
    }

    private List<GrayImage> sameShapeBatch(List<GrayImage> batch) {
        GrayImage first = batch.get(0);
        int size = first.pixelCount();
        FloatBuffer input = FloatBuffer.allocate(batch.size() * size);
        for (GrayImage image : batch) {
            input.put(image.pixels());
        }
        input.flip();
        long[] shape = {batch.size(), 1, first.height(), first.width()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape);
                OrtSession.Result result = session.run(Map.of(OnnxExport.INPUT, tensor))) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            List<GrayImage> images = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                float[] pixels = new float[size];
                output.get(pixels);
                images.add(new GrayImage(first.width(), first.height(), pixels));
            }
            return images;
        } catch (OrtException e) {
            throw new IllegalStateException(
                    "ONNX Runtime failed on a batch of " + batch.size() + " images of " + first.width() + "x"
                            + first.height() + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public String name() {
        return "onnxruntime";
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close the ONNX Runtime session: " + e.getMessage(), e);
        }
    }
}
