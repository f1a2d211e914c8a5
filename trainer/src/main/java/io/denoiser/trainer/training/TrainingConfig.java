package io.denoiser.trainer.training;

import io.denoiser.model.noise.NoiseSpec;

/**
 * Everything that determines a training run besides its data.
 *
 * @param patience stop after this many epochs without a better validation BCE; 0 trains all epochs
 * @param startedFrom version of the model whose weights the run starts from, or null for fresh weights
 */
public record TrainingConfig(
        int epochs,
        int batchSize,
        double learningRate,
        LearningRate schedule,
        long seed,
        NoiseSpec noise,
        int patience,
        Engine engine,
        String startedFrom) {

    public TrainingConfig(
            int epochs,
            int batchSize,
            double learningRate,
            LearningRate schedule,
            long seed,
            NoiseSpec noise,
            int patience,
            Engine engine) {
        this(epochs, batchSize, learningRate, schedule, seed, noise, patience, engine, null);
    }

    public TrainingConfig {
        require(epochs >= 1, "epochs must be at least 1, got " + epochs);
        require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        require(learningRate > 0 && learningRate < 1, "learning rate must be in (0, 1), got " + learningRate);
        require(patience >= 0, "patience must be >= 0, got " + patience);
        require(schedule != null && noise != null && engine != null, "schedule, noise and engine are required");
    }

    /**
     * Whether a run with this config can continue one started with {@code other}: everything that
     * shapes the batches, the learning rate and the starting weights must agree; engine and patience may differ.
     */
    public boolean canResume(TrainingConfig other) {
        return epochs == other.epochs
                && batchSize == other.batchSize
                && learningRate == other.learningRate
                && schedule == other.schedule
                && seed == other.seed
                && noise.equals(other.noise)
                && java.util.Objects.equals(startedFrom, other.startedFrom);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
