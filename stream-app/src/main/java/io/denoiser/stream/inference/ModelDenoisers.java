package io.denoiser.stream.inference;

import ai.onnxruntime.OrtException;
import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ArtifactLoader.LoadedModel;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.OnnxDenoiser;
import io.denoiser.model.network.OneDnnAcceleration;
import java.nio.file.Path;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the real model for serving on the chosen {@link ModelRuntime}: the one class of the stream app that
 * knows DL4J and ONNX Runtime. The artifact is loaded and verified once ({@link ArtifactLoader}), the runtime
 * is checked against the DL4J network on a probe image ({@link RuntimeCheck}), then:
 * <ul>
 *   <li>{@code onnx}: one ONNX Runtime session for all stream threads ({@code OrtSession.run} is documented
 *       thread-safe); each task gets a view that leaves it open, and {@link ServingModel#close} closes it.
 *   <li>{@code dl4j}, {@code dl4j-plain}: each task gets its own copy of the network, closed with the task.
 * </ul>
 */
public final class ModelDenoisers {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDenoisers.class);

    private ModelDenoisers() {}

    /**
     * Loads and verifies the artifact, checks the runtime against the DL4J network on a probe image, and
     * returns the model ready to serve on that runtime.
     *
     * @param artifact       the model artifact folder (model.json, model.zip, model.onnx)
     * @param threadsPerCall threads inside one model call: ONNX Runtime's intra-op threads, or ND4J's maximum
     *                       (process-wide)
     * @throws ArtifactException      naming the folder and the problem, when the artifact cannot be trusted
     * @throws ServingModelException  when the runtime cannot serve it on this machine
     */
    public static ServingModel load(Path artifact, ModelRuntime runtime, int threadsPerCall) {
        if (threadsPerCall < 1) {
            throw new IllegalArgumentException("threadsPerCall must be at least 1, got " + threadsPerCall);
        }
        return serve(ArtifactLoader.load(artifact), runtime, threadsPerCall);
    }

    /**
     * Checks the runtime against an artifact already loaded and verified, and returns the model ready to serve on
     * that runtime. The threads that serve it (ONNX Runtime's intra-op pool) are started by the calling thread and
     * take its CPU priority.
     *
     * @throws ArtifactException      when model.onnx is damaged
     * @throws ServingModelException  when the runtime cannot serve it here, or disagrees with the network
     */
    public static ServingModel serve(LoadedModel loaded, ModelRuntime runtime, int threadsPerCall) {
        return serve(loaded, runtime, threadsPerCall, true);
    }

    /**
     * As {@link #serve}, for an artifact whose runtime agreement {@link #serve} checked already on the same runtime
     * in this process (a verified candidate model): the same graph is not checked again against its network.
     */
    public static ServingModel serveChecked(LoadedModel loaded, ModelRuntime runtime, int threadsPerCall) {
        return serve(loaded, runtime, threadsPerCall, false);
    }

    private static ServingModel serve(LoadedModel loaded, ModelRuntime runtime, int threads, boolean check) {
        if (threads < 1) {
            throw new IllegalArgumentException("threadsPerCall must be at least 1, got " + threads);
        }
        return switch (runtime) {
            case ONNX -> onnx(loaded, threads, check);
            case DL4J -> dl4j(loaded, threads, oneDnnIfAvailable(), check);
            case DL4J_PLAIN -> dl4j(loaded, threads, false, check);
        };
    }

    private static ServingModel onnx(LoadedModel loaded, int threads, boolean check) {
        OnnxDenoiser session = openOnnx(loaded, threads);
        try {
            if (check) {
                RuntimeCheck.requireAgreement(session, loaded);
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return new ServingModel(versionOf(loaded), session.name(), threads, () -> new SharedDenoiser(session), session);
    }

    private static OnnxDenoiser openOnnx(LoadedModel loaded, int threads) {
        try {
            return new OnnxDenoiser(loaded.onnx(), threads);
        } catch (IllegalStateException e) {
            if (isDamagedGraph(e)) {
                // the runtime works, the file does not: switching runtimes would not be the fix
                throw new ArtifactException(
                        loaded.folder(),
                        "model.onnx is not an ONNX graph ONNX Runtime can read ("
                                + e.getCause().getMessage()
                                + "): the artifact is damaged: restore it, or export it again from its model.zip",
                        e);
            }
            throw new ServingModelException(
                    "model artifact " + loaded.folder() + ": ONNX Runtime cannot run" + " model.onnx here ("
                            + e.getMessage() + "); set model.runtime=dl4j or dl4j-plain",
                    e);
        } catch (LinkageError e) {
            throw new ServingModelException(
                    "model artifact " + loaded.folder() + ": ONNX Runtime cannot run" + " model.onnx here ("
                            + e.getMessage() + "); set model.runtime=dl4j or dl4j-plain",
                    e);
        }
    }

    private static boolean isDamagedGraph(IllegalStateException e) {
        return e.getCause() instanceof OrtException ort
                && (ort.getCode() == OrtException.OrtErrorCode.ORT_INVALID_PROTOBUF
                        || ort.getCode() == OrtException.OrtErrorCode.ORT_INVALID_GRAPH);
    }

    private static ServingModel dl4j(LoadedModel loaded, int threads, boolean oneDnn, boolean check) {
        Nd4j.getEnvironment().setMaxThreads(threads);
        NetworkCopies copies = new NetworkCopies(loaded.network(), oneDnn);
        Denoiser probe = copies.get();
        if (check) {
            RuntimeCheck.requireAgreement(probe, loaded);
        }
        return new ServingModel(versionOf(loaded), probe.name(), threads, copies, () -> {});
    }

    private static boolean oneDnnIfAvailable() {
        boolean available = OneDnnAcceleration.available();
        if (!available) {
            LOG.warn("the ND4J native library has no oneDNN: model.runtime=dl4j runs DL4J's plain convolutions,"
                    + " about 10x slower; model.runtime=onnx is faster where ONNX Runtime runs");
        }
        return available;
    }

    private static String versionOf(LoadedModel loaded) {
        return loaded.metadata().modelVersion();
    }
}
