package io.denoiser.trainer.training;

import io.denoiser.model.data.ImageSet;
import io.denoiser.model.network.DenoisingAutoencoder;
import io.denoiser.model.noise.NoiseSpec;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.schedule.FixedSchedule;

/**
 * Measures training steps of the real network on real batches: warm-up steps first, then the median
 * of the timed ones, so that a noisy machine's outliers do not decide the figure.
 */
public final class StepTimer {

    private final ImageSet images;
    private final int batchSize;

    public StepTimer(ImageSet images, int batchSize) {
        if (images.count() < batchSize) {
            throw new IllegalArgumentException(
                    "need at least " + batchSize + " images for one batch, got " + images.count());
        }
        this.images = images;
        this.batchSize = batchSize;
    }

    /** Median milliseconds of one training step (forward, backward, Adam update) on {@code engine}. */
    public double medianMillis(Engine engine, int warmup, int steps) {
        MultiLayerNetwork network = engine.prepare(DenoisingAutoencoder.create(1, new FixedSchedule(1e-3)));
        NoisyBatches batches = new NoisyBatches(images, NoiseSpec.DEFAULT, batchSize, 1, 1);
        DataSet batch = batches.batch(0);
        for (int i = 0; i < warmup; i++) {
            network.fit(batch);
        }
        double[] millis = new double[steps];
        for (int i = 0; i < steps; i++) {
            long start = System.nanoTime();
            network.fit(batch);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return steps % 2 == 1 ? millis[steps / 2] : (millis[steps / 2 - 1] + millis[steps / 2]) / 2;
    }
}
