package io.denoiser.stream.models;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.stream.inference.LiveModel;
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
 * taken one at a time, on the sources' threads, never on a stream thread. Thread-safe.
 */
public final class ModelRollout {

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
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private double servingPsnr;

    /** @param servingPsnr the serving model's mean PSNR on the probe set ({@link CandidateCheck#score}) */
    public ModelRollout(LiveModel live, double servingPsnr, CandidateCheck check, ModelSwapEvents events) {
        this.live = Objects.requireNonNull(live, "live");
        this.servingPsnr = servingPsnr;
        this.check = Objects.requireNonNull(check, "check");
        this.events = Objects.requireNonNull(events, "events");
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
        try {
            verified = check.verify(candidate, servingPsnr);
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
        live.swapTo(verified.model());
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
                verified.model().runtime(),
                verified.probePsnr(),
                psnrBefore,
                loadTime.toMillis()));
        tell(() -> events.onSwapped(version, verified.model().runtime(), loadTime, candidate.source()));
        return Outcome.SWAPPED;
    }

    /** The version that serves now. */
    public String version() {
        return live.version();
    }

    /** What runs the serving model, e.g. {@code onnxruntime}. */
    public String runtime() {
        return live.runtime();
    }

    /** Models that went live since start-up. */
    public long swaps() {
        return swaps.get();
    }

    /** Candidates refused since start-up. */
    public long refusals() {
        return refusals.get();
    }

    /** The serving model's mean PSNR on the probe set. */
    public synchronized double servingPsnr() {
        return servingPsnr;
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
