package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import java.util.Objects;

/** What the model made of one image of a batch: its reconstruction, or the failure that isolated it. */
sealed interface ModelResult {

    /**
     * The model's reconstruction of the image, from a call that succeeded.
     *
     * @param batchSize how many images the successful model call held
     */
    record Output(GrayImage image, int batchSize) implements ModelResult {
        public Output {
            Objects.requireNonNull(image, "image");
        }
    }

    /** The model failed on this image alone. */
    record Failure(RuntimeException cause) implements ModelResult {
        public Failure {
            Objects.requireNonNull(cause, "cause");
        }
    }
}
