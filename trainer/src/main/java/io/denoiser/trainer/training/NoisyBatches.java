package io.denoiser.trainer.training;

import io.denoiser.model.data.ImageSet;
import io.denoiser.model.image.ImageBatch;
import io.denoiser.model.noise.NoiseSpec;
import java.util.SplittableRandom;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The batches of one epoch: the training images in a shuffled order, each paired with a freshly
 * noised copy as input. Both the order and the noise follow from (seed, epoch) alone, so a resumed
 * run sees exactly the batches an uninterrupted one would have.
 */
final class NoisyBatches {

    private final ImageSet images;
    private final NoiseSpec noise;
    private final int batchSize;
    private final int[] order;
    private final SplittableRandom random;

    NoisyBatches(ImageSet images, NoiseSpec noise, int batchSize, long seed, int epoch) {
        this.images = images;
        this.noise = noise;
        this.batchSize = batchSize;
        this.random = new SplittableRandom(seed * 1_000_003L + epoch);
        this.order = shuffledIndices(images.count(), random);
    }

    int count() {
        return (images.count() + batchSize - 1) / batchSize;
    }

    /** Batch {@code index} of this epoch as (noisy features, clean labels); call in order. */
    DataSet batch(int index) {
        int from = index * batchSize;
        int size = Math.min(batchSize, images.count() - from);
        int imageSize = images.imageSize();
        float[] clean = new float[size * imageSize];
        float[] noisy = new float[size * imageSize];
        for (int i = 0; i < size; i++) {
            int source = order[from + i] * imageSize;
            System.arraycopy(images.pixels(), source, clean, i * imageSize, imageSize);
            noise.apply(images.pixels(), source, noisy, i * imageSize, imageSize, random);
        }
        return new DataSet(
                ImageBatch.toTensor(noisy, size, images.height(), images.width()),
                ImageBatch.toTensor(clean, size, images.height(), images.width()));
    }

    private static int[] shuffledIndices(int count, SplittableRandom random) {
        int[] indices = new int[count];
        for (int i = 0; i < count; i++) {
            indices[i] = i;
        }
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return indices;
    }
}
