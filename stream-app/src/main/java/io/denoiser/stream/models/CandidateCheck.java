package io.denoiser.stream.models;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ArtifactLoader.LoadedModel;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.stream.inference.ModelDenoisers;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.stream.inference.ServingModel;
import io.denoiser.stream.inference.ServingModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides whether a candidate model may serve, before it serves a single image:
 * <ol>
 *   <li>its metadata reads and declares the input the app serves (that of the probe set, 28 x 28, one channel);
 *   <li>its files match their checksums and the network maps that input to an image of the same size
 *       ({@link ArtifactLoader#load});
 *   <li>the serving runtime agrees with the DL4J network on probe images, as at start-up;
 *   <li>it denoises the whole {@link ProbeSet}, one finite output of the right size per image;
 *   <li>the quality gate: its mean PSNR on the probe set is at most {@code model.quality.margin.db} below the
 *       serving model's, unless the candidate is forced.
 * </ol>
 * Runs on the caller's thread (the rollout's {@link VerificationThread}, never a stream thread) with a model of its
 * own, closed before it returns; the model that serves is made afterwards by {@link #serve}, on a thread of normal
 * priority. Thread-safe.
 */
public final class CandidateCheck {

    /** Probe images per model call: the whole set in a few calls, without a call of unusual size. */
    private static final int CALL_SIZE = 50;

    private final ProbeSet probes;
    private final double marginDb;
    private final ModelRuntime runtime;
    private final int threadsPerCall;

    public CandidateCheck(ProbeSet probes, double marginDb, ModelRuntime runtime, int threadsPerCall) {
        this.probes = Objects.requireNonNull(probes, "probes");
        if (!(marginDb >= 0)) {
            throw new IllegalArgumentException("marginDb must be at least 0, got " + marginDb);
        }
        this.marginDb = marginDb;
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.threadsPerCall = threadsPerCall;
    }

    /** A candidate that passed: its loaded and verified artifact, and its mean PSNR on the probe set. */
    public record Verified(LoadedModel artifact, double probePsnr) {}

    /**
     * Runs every check on the candidate.
     *
     * @param servingPsnr the serving model's mean PSNR on the probe set
     * @return the verified artifact, for {@link #serve}
     * @throws CandidateRefusedException with a one-line reason; nothing stays open
     */
    public Verified verify(Candidate candidate, double servingPsnr) {
        requireServedInput(metadataOf(candidate));
        LoadedModel artifact = load(candidate);
        ServingModel model = open(artifact, checkThreads());
        try {
            double psnr = score(model);
            if (!candidate.force() && psnr < servingPsnr - marginDb) {
                throw new CandidateRefusedException(String.format(
                        Locale.ROOT,
                        "quality gate: %.2f dB on the probe set, %.2f dB below the serving model's %.2f dB (at most"
                                + " %.2f allowed by model.quality.margin.db; publish with --force to serve it anyway)",
                        psnr,
                        servingPsnr - psnr,
                        servingPsnr,
                        marginDb));
            }
            return new Verified(artifact, psnr);
        } catch (RuntimeException e) {
            throw e instanceof CandidateRefusedException refused
                    ? refused
                    : new CandidateRefusedException("fails on the probe set: " + e.getMessage(), e);
        } finally {
            model.close();
        }
    }

    /**
     * The verified candidate, ready to serve with the app's threads per call; its runtime agreement was checked by
     * {@link #verify} on the same graph. Its serving threads are started by the calling thread and take its CPU
     * priority: call it from a thread of normal priority.
     *
     * @return the model, owned by the caller
     * @throws CandidateRefusedException when the runtime cannot serve it after all
     */
    public ServingModel serve(Verified verified) {
        try {
            return ModelDenoisers.serveChecked(verified.artifact(), runtime, threadsPerCall);
        } catch (ArtifactException | ServingModelException e) {
            throw new CandidateRefusedException(e.getMessage(), e);
        }
    }

    /**
     * ONNX Runtime verifies on one thread, so that the session verified opens no pool of threads; ND4J's threads
     * are process-wide ({@link ModelDenoisers}), so the DL4J runtimes keep the app's.
     */
    private int checkThreads() {
        return runtime == ModelRuntime.ONNX ? 1 : threadsPerCall;
    }

    /**
     * The model's mean PSNR on the probe set.
     *
     * @throws CandidateRefusedException when it does not denoise every probe image into a finite image of its size
     */
    public double score(ServingModel model) {
        Denoiser denoiser = model.denoisers().get();
        try {
            List<GrayImage> outputs = new ArrayList<>(probes.size());
            List<GrayImage> inputs = probes.noisy();
            for (int from = 0; from < inputs.size(); from += CALL_SIZE) {
                List<GrayImage> call = inputs.subList(from, Math.min(inputs.size(), from + CALL_SIZE));
                outputs.addAll(checked(call, denoiser.denoise(call)));
            }
            return probes.meanPsnr(outputs);
        } finally {
            denoiser.close();
        }
    }

    private static ModelMetadata metadataOf(Candidate candidate) {
        try {
            return ArtifactLoader.readMetadata(candidate.folder());
        } catch (ArtifactException e) {
            throw new CandidateRefusedException(e.getMessage(), e);
        }
    }

    private void requireServedInput(ModelMetadata metadata) {
        ModelMetadata.InputSpec input = metadata.input();
        if (input.width() != probes.width() || input.height() != probes.height() || input.channels() != 1) {
            throw new CandidateRefusedException("wrong shape: " + metadata.modelVersion() + " declares input "
                    + input.height() + "x" + input.width() + "x" + input.channels() + ", the app serves "
                    + probes.height() + "x" + probes.width() + "x1");
        }
    }

    private static LoadedModel load(Candidate candidate) {
        try {
            return ArtifactLoader.load(candidate.folder());
        } catch (RuntimeException e) {
            throw refused(candidate.folder(), e);
        }
    }

    private ServingModel open(LoadedModel artifact, int threads) {
        try {
            return ModelDenoisers.serve(artifact, runtime, threads);
        } catch (RuntimeException e) {
            throw refused(artifact.folder(), e);
        }
    }

    /** The artifact's own reason when loading names one, else what failed. */
    private static CandidateRefusedException refused(Path folder, RuntimeException e) {
        return e instanceof ArtifactException || e instanceof ServingModelException
                ? new CandidateRefusedException(e.getMessage(), e)
                : new CandidateRefusedException(
                        "cannot load " + folder + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    private static List<GrayImage> checked(List<GrayImage> inputs, List<GrayImage> outputs) {
        if (outputs == null || outputs.size() != inputs.size()) {
            throw new CandidateRefusedException("wrong shape: " + (outputs == null ? "no" : outputs.size())
                    + " outputs for " + inputs.size() + " probe images");
        }
        for (int i = 0; i < outputs.size(); i++) {
            GrayImage output = outputs.get(i);
            if (output == null || !output.sameShapeAs(inputs.get(i))) {
                throw new CandidateRefusedException(
                        "wrong shape: " + output + " for a " + inputs.get(i) + " probe image");
            }
            for (float pixel : output.pixels()) {
                if (!Float.isFinite(pixel)) {
                    throw new CandidateRefusedException("a pixel of its output is " + pixel + " on a probe image");
                }
            }
        }
        return outputs;
    }
}
