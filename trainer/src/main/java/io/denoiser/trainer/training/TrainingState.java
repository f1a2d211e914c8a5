package io.denoiser.trainer.training;

import io.denoiser.model.artifact.EpochMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a training run stands: the epochs done with their metrics, and which epoch validated best.
 * Saved next to the checkpoints so a run can resume where it stopped.
 */
public record TrainingState(int epochsDone, List<EpochMetrics> history, int bestEpoch, double bestValidationBce) {

    public static TrainingState fresh() {
        return new TrainingState(0, List.of(), 0, Double.POSITIVE_INFINITY);
    }

    public TrainingState after(EpochMetrics metrics) {
        List<EpochMetrics> next = new ArrayList<>(history);
        next.add(metrics);
        boolean better = metrics.validationBce() < bestValidationBce;
        return new TrainingState(
                metrics.epoch(),
                List.copyOf(next),
                better ? metrics.epoch() : bestEpoch,
                better ? metrics.validationBce() : bestValidationBce);
    }

    public boolean improvedAt(int epoch) {
        return bestEpoch == epoch;
    }

    public int epochsWithoutImprovement() {
        return epochsDone - bestEpoch;
    }
}
