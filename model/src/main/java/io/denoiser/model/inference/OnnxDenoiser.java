package io.denoiser.model.inference;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.onnx.OnnxExport;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    private final ThreadLocal<CallBuffers> callBuffers = ThreadLocal.withInitial(CallBuffers::new);

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
        int floats = batch.size() * size;
        CallBuffers buffers = callBuffers.get();
        FloatBuffer input = buffers.input(floats);
        for (GrayImage image : batch) {
            input.put(image.pixels());
        }
        input.flip();
        FloatBuffer output = buffers.output(floats);
        long[] shape = {batch.size(), 1, first.height(), first.width()};
        try (OnnxTensor inputTensor = OnnxTensor.createTensor(environment, input, shape);
                OnnxTensor outputTensor = OnnxTensor.createTensor(environment, output, shape)) {
            // the output is written into outputTensor's memory; the result only refers to it
            session.run(Map.of(OnnxExport.INPUT, inputTensor), Map.of(OnnxExport.OUTPUT, outputTensor))
                    .close();
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

    /**
     * A calling thread's input and output memory, which ONNX Runtime reads and writes in place (a direct buffer
     * is wrapped, not copied; the output is pinned). Why: otherwise every call allocated the batch's floats four
     * times (heap input, its direct copy, the output's heap copy, the images), a large share of the serving
     * path's garbage. Calls above {@link #KEPT_FLOATS} get buffers of their own, so that a rare large image does
     * not pin its memory to every model-call thread.
     */
    private static final class CallBuffers {

        /** 1 MiB per buffer: a batch of 334 MNIST digits. */
        static final int KEPT_FLOATS = 1 << 18;

        private final KeptBuffer input = new KeptBuffer();
        private final KeptBuffer output = new KeptBuffer();

        FloatBuffer input(int floats) {
            return input.fitting(floats);
        }

        FloatBuffer output(int floats) {
            return output.fitting(floats);
        }

        /** One buffer, grown to the largest call up to {@link #KEPT_FLOATS}. */
        private static final class KeptBuffer {

            private FloatBuffer kept = allocate(0);

            /** A buffer of exactly {@code floats} floats (position 0), kept unless above {@link #KEPT_FLOATS}. */
            FloatBuffer fitting(int floats) {
                if (floats > KEPT_FLOATS) {
                    return allocate(floats);
                }
                if (floats > kept.capacity()) {
                    kept = allocate(floats);
                }
                return kept.clear().limit(floats);
            }
        }

        private static FloatBuffer allocate(int floats) {
            return ByteBuffer.allocateDirect(floats * Float.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .asFloatBuffer();
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
