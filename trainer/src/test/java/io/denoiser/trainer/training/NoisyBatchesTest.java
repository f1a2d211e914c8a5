package io.denoiser.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.data.IdxImages;
import io.denoiser.model.data.ImageSet;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.trainer.Fixtures;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class NoisyBatchesTest {

    private final ImageSet images = IdxImages.readImages(Fixtures.mnistImages()).first(300);

    @Test
    void shouldCoverEveryImageOnceWithALastPartialBatch() {
        NoisyBatches batches = new NoisyBatches(images, NoiseSpec.DEFAULT, 128, 42, 1);

        assertThat(batches.count()).isEqualTo(3);
        assertThat(batches.batch(0).numExamples()).isEqualTo(128);
        assertThat(batches.batch(1).numExamples()).isEqualTo(128);
        assertThat(batches.batch(2).numExamples()).isEqualTo(44);
    }

    @Test
    void shouldPairCleanLabelsWithNoisyFeaturesInTheUnitRange() {
        DataSet batch = new NoisyBatches(images, NoiseSpec.DEFAULT, 16, 42, 1).batch(0);

        assertThat(batch.getFeatures().shape()).containsExactly(16, 1, 28, 28);
        assertThat(batch.getFeatures()).isNotEqualTo(batch.getLabels());
        assertThat(batch.getFeatures().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(batch.getFeatures().maxNumber().doubleValue()).isLessThanOrEqualTo(1);
    }

    @Test
    void shouldGiveTheSameBatchesForTheSameSeedAndEpochSoThatResumingChangesNothing() {
        DataSet first = new NoisyBatches(images, NoiseSpec.DEFAULT, 32, 42, 3).batch(0);
        DataSet again = new NoisyBatches(images, NoiseSpec.DEFAULT, 32, 42, 3).batch(0);

        assertThat(again.getFeatures()).isEqualTo(first.getFeatures());
        assertThat(again.getLabels()).isEqualTo(first.getLabels());
    }

    @Test
    void shouldShuffleAndNoiseDifferentlyInEachEpoch() {
        DataSet epochOne = new NoisyBatches(images, NoiseSpec.DEFAULT, 32, 42, 1).batch(0);
        DataSet epochTwo = new NoisyBatches(images, NoiseSpec.DEFAULT, 32, 42, 2).batch(0);

        assertThat(epochTwo.getLabels()).isNotEqualTo(epochOne.getLabels());
    }
}
