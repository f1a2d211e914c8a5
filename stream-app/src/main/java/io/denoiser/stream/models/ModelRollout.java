package io.denoiser.stream.models;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ServingModel;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes candidate models from any source (the model repository folder, the models control topic), verifies each
 * ({@link CandidateCheck}) and swaps the accepted ones into the {@link LiveModel}. A refused candidate leaves the
 * serving model serving, with a one-line reason in the log and in {@link ModelSwapEvents#onRefused}. Candidates are
 * taken one at a time, on the sources' threads, never on a stream thread; each is verified on the
 * {@link VerificationThread}, at background CPU priority, so that a verification does not take the stream threads'
 * cores. Thread-safe.
 */
public final class ModelRollout implements ModelStatus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRollout.class);

    /** What became of an offered candidate. */
    public enum Outcome {
        SWAPPED,
        REFUSED,
        ALREADY_SERVING
    }

    private final LiveModel live;
    private final CandidateCheck check;
    private final ModelSwapEvents events;
    private final VerificationThread verification;
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private volatile double servingPsnr; // written under the lock of offer, read by anyone

    /** @param servingPsnr the serving model's mean PSNR on the probe set ({@link CandidateCheck#score}) */
    public ModelRollout(LiveModel live, double servingPsnr, CandidateCheck check, ModelSwapEvents events) {
        this(live, servingPsnr, check, events, VerificationThread.Priority.BACKGROUND);
    }

    ModelRollout(
            LiveModel live,
            double servingPsnr,
            CandidateCheck check,
            ModelSwapEvents events,
            VerificationThread.Priority verificationPriority) {
        this.live = Objects.requireNonNull(live, "live");
        this.servingPsnr = servingPsnr;
        this.check = Objects.requireNonNull(check, "check");
        this.events = Objects.requireNonNull(events, "events");
        this.verification = new VerificationThread(verificationPriority);
    }

    /** Verifies the candidate and, when it passes, makes it serve every batch that starts from now on. */
    public synchronized Outcome offer(Candidate candidate) {
        long start = System.nanoTime();
        String version = versionOf(candidate);
        if (version.equals(live.version())) {
            LOG.debug("model {} from {} already serves", version, candidate.source());
            return Outcome.ALREADY_SERVING;
        }
        LOG.info(
                "verifying candidate model {} from {}{}",
                version,
                candidate.source(),
                candidate.force() ? " (forced: no quality gate)" : "");
        CandidateCheck.Verified verified;
        ServingModel model;
        try {
            double psnrNow = servingPsnr;
            verified = verification.run(() -> check.verify(candidate, psnrNow));
            model = check.serve(verified); // here: its serving threads take this thread's normal priority
        } catch (CandidateRefusedException refused) {
            refusals.incrementAndGet();
            LOG.warn(
                    "refused model {} from {}: {}; {} keeps serving",
                    version,
                    candidate.source(),
                    refused.getMessage(),
                    live.version());
            tell(() -> events.onRefused(version, candidate.source(), refused.getMessage()));
            return Outcome.REFUSED;
        }
        String before = live.version();
        double psnrBefore = servingPsnr;
        live.swapTo(model);
        servingPsnr = verified.probePsnr();
        swaps.incrementAndGet();
        Duration loadTime = Duration.ofNanos(System.nanoTime() - start);
        LOG.info(String.format(
                Locale.ROOT,
                "model %s now serves every batch that starts from now on (was %s), from %s on %s: %.2f dB on the"
                        + " probe set (was %.2f), verified and loaded in %d ms",
                version,
                before,
                candidate.source(),
                model.runtime(),
                verified.probePsnr(),
                psnrBefore,
                loadTime.toMillis()));
        tell(() -> events.onSwapped(version, model.runtime(), loadTime, candidate.source()));
        return Outcome.SWAPPED;
    }

    /**
     * Records a candidate refused before it could be offered (e.g. a control record that is not an artifact): the
     * same log line, count and event as a refusal by the check.
     */
    public void refuse(String version, String source, String reason) {
        refusals.incrementAndGet();
        LOG.warn("refused model {} from {}: {}; {} keeps serving", version, source, reason, live.version());
        tell(() -> events.onRefused(version, source, reason));
    }

    /** The version that serves now. */
    @Override
    public String version() {
        return live.version();
    }

    /** What runs the serving model, e.g. {@code onnxruntime}. */
    @Override
    public String runtime() {
        return live.runtime();
    }

    /** Models that went live since start-up. */
    @Override
    public long swaps() {
        return swaps.get();
    }

    /** Candidates refused since start-up. */
    @Override
    public long refusals() {
        return refusals.get();
    }

    /** The serving model's mean PSNR on the probe set. */
    @Override
    public double servingPsnr() {
        return servingPsnr;
    }

    /** Ends the verification thread; the serving model is the {@link LiveModel}'s to close. */
    @Override
    public void close() {
        verification.close();
    }

    private static String versionOf(Candidate candidate) {
        try {
            return ArtifactLoader.readMetadata(candidate.folder()).modelVersion();
        } catch (RuntimeException e) { // an ArtifactException, or a pointer to nothing
            return candidate.folder().toString(); // refused with the reason by the check
        }
    }

    private static void tell(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.warn("a model swap listener failed: {}", e.toString());
        }
    }
}
