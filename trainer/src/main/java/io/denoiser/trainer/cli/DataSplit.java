package io.denoiser.trainer.cli;

import io.denoiser.model.data.ImageSet;

/** Which images train and which validate: a held-out tail of the training set, or the test set. */
record DataSplit(ImageSet training, ImageSet validation, boolean validatesOnTest) {

    static DataSplit of(ImageSet training, ImageSet test, double validationFraction) {
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("--validation-split must be in [0, 1), got " + validationFraction);
        }
        if (validationFraction == 0) {
            return new DataSplit(training, test, true);
        }
        int held = (int) Math.round(training.count() * validationFraction);
        if (held < 1 || held >= training.count()) {
            throw new IllegalArgumentException("--validation-split " + validationFraction + " of " + training.count()
                    + " images leaves no images for " + (held < 1 ? "validation" : "training"));
        }
        int kept = training.count() - held;
        return new DataSplit(training.range(0, kept), training.range(kept, training.count()), false);
    }
}
