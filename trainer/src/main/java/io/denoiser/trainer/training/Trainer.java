package io.denoiser.trainer.training;

import io.denoiser.model.artifact.EpochMetrics;
import io.denoiser.model.console.ProgressBar;
import io.denoiser.model.data.ImageSet;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.metrics.QualitySummary;
import io.denoiser.model.network.DenoisingAutoencoder;
import io.denoiser.model.network.OneDnnAcceleration;
import io.denoiser.trainer.evaluation.NoisyPairs;
import io.denoiser.trainer.evaluation.Reconstructions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The training loop: epochs of noisy/clean batches through the network, validation after each
 * epoch, a checkpoint after each epoch, early stopping on validation BCE. Resumes from the
 * checkpoint folder when asked to.
 *
 * <p>The network it returns is the best epoch's when early stopping is on ({@code patience > 0}),
 * else the last epoch's, so that a fixed-length run selects nothing on its validation data.
 */
public final class Trainer {

    private final TrainingConfig config;
    private final Checkpoints checkpoints;
    private final PrintWriter console;
    private final Optional<INDArray> startingWeights;

    public Trainer(TrainingConfig config, Checkpoints checkpoints, PrintWriter console) {
        this(config, checkpoints, console, Optional.empty());
    }

    /**
     * A trainer whose first epoch starts from the given parameters (fine-tuning) instead of fresh
     * Glorot-uniform weights. The optimiser state and the learning-rate schedule start afresh.
     */
    public Trainer(
            TrainingConfig config, Checkpoints checkpoints, PrintWriter console, Optional<INDArray> startingWeights) {
        this.config = config;
        this.checkpoints = checkpoints;
        this.console = console;
        this.startingWeights = startingWeights;
    }

    public record Result(MultiLayerNetwork network, TrainingState state, int keptEpoch) {}

    public Result train(ImageSet training, NoisyPairs validation, boolean resume) {
        return train(training, validation, resume, config.epochs());
    }

    /**
     * Trains up to epoch {@code untilEpoch} of the configured run and returns; a later call with
     * {@code resume} goes on from there. Lets a long run yield usable artifacts along the way.
     */
    public Result train(ImageSet training, NoisyPairs validation, boolean resume, int untilEpoch) {
        TrainingState state = startingState(resume);
        MultiLayerNetwork network = config.engine()
                .prepare(state.epochsDone() == 0 ? initialNetwork() : checkpoints.restore(checkpoints.last()));
        console.printf(
                Locale.ROOT,
                "training %,d images (%s), validating on %,d; %s engine (%s); %d parameters%n",
                training.count(),
                training.source(),
                validation.size(),
                config.engine().label(),
                OneDnnAcceleration.status(network),
                network.numParams());
        int lastEpoch = Math.min(config.epochs(), untilEpoch);
        for (int epoch = state.epochsDone() + 1; epoch <= lastEpoch; epoch++) {
            if (config.patience() > 0 && state.epochsWithoutImprovement() >= config.patience()) {
                console.printf(
                        "early stop: no better validation BCE for %d epochs (best: epoch %d)%n",
                        config.patience(), state.bestEpoch());
                break;
            }
            EpochMetrics metrics = runEpoch(network, training, validation, epoch);
            state = state.after(metrics);
            checkpoints.save(network, state);
            console.println(summary(metrics, state));
        }
        return finalNetwork(network, state);
    }

    private MultiLayerNetwork initialNetwork() {
        MultiLayerNetwork fresh = DenoisingAutoencoder.create(
                config.seed(), config.schedule().schedule(config.learningRate(), config.epochs()));
        startingWeights.ifPresent(weights -> {
            if (weights.length() != fresh.numParams()) {
                throw new IllegalArgumentException("the starting weights have " + weights.length()
                        + " parameters, the network has " + fresh.numParams());
            }
            fresh.setParams(weights);
        });
        return fresh;
    }

    private TrainingState startingState(boolean resume) {
        var saved = checkpoints.readState();
        if (saved.isPresent() && !resume) {
            throw new IllegalStateException("checkpoint folder " + checkpoints.folder()
                    + " already holds a run at epoch " + saved.get().epochsDone()
                    + ": pass --resume to continue it, or choose another --checkpoints folder");
        }
        if (saved.isEmpty()) {
            checkpoints.saveConfig(config);
            return TrainingState.fresh();
        }
        Optional<TrainingConfig> started = checkpoints.readConfig();
        if (started.filter(config::canResume).isEmpty()) {
            throw new IllegalStateException("cannot resume the run in " + checkpoints.folder()
                    + ": it was started with " + started.map(Object::toString).orElse("an unknown configuration")
                    + ", not " + config);
        }
        console.printf("resuming after epoch %d from %s%n", saved.get().epochsDone(), checkpoints.last());
        return saved.get();
    }

    private EpochMetrics runEpoch(MultiLayerNetwork network, ImageSet training, NoisyPairs validation, int epoch) {
        NoisyBatches batches = new NoisyBatches(training, config.noise(), config.batchSize(), config.seed(), epoch);
        ProgressBar bar = new ProgressBar(
                console, String.format(Locale.ROOT, "epoch %d/%d", epoch, config.epochs()), batches.count(), "img");
        long start = System.nanoTime();
        double lossSum = 0;
        long images = 0;
        for (int b = 0; b < batches.count(); b++) {
            var batch = batches.batch(b);
            network.fit(batch);
            // DL4J's per-example score sums the per-pixel BCE; report the per-pixel mean as Keras does
            lossSum += network.score() / training.imageSize() * batch.numExamples();
            images += batch.numExamples();
            bar.update(b + 1, images, String.format(Locale.ROOT, "loss %.4f", lossSum / images));
        }
        bar.finish();
        double seconds = (System.nanoTime() - start) / 1e9;
        network.incrementEpochCount();
        QualitySummary quality = Reconstructions.quality(new Dl4jDenoiser(network), validation);
        return new EpochMetrics(epoch, lossSum / images, quality.bce(), quality.psnr(), quality.ssim(), seconds);
    }

    private String summary(EpochMetrics m, TrainingState state) {
        return String.format(
                Locale.ROOT,
                "epoch %d: train loss %.4f | validation BCE %.4f PSNR %.2f dB SSIM %.3f | %.1f s%s",
                m.epoch(),
                m.trainLoss(),
                m.validationBce(),
                m.validationPsnr(),
                m.validationSsim(),
                m.seconds(),
                state.improvedAt(m.epoch()) ? " | best" : "");
    }

    private Result finalNetwork(MultiLayerNetwork last, TrainingState state) {
        if (config.patience() > 0 && state.bestEpoch() != state.epochsDone()) {
            console.printf("keeping the best epoch, %d%n", state.bestEpoch());
            return new Result(
                    config.engine().prepare(checkpoints.restore(checkpoints.best())), state, state.bestEpoch());
        }
        return new Result(last, state, state.epochsDone());
    }
}
