package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.Objects;

/** An image for the model, with where its record was read (what {@link InFlightCalls} records). */
record ModelInput(SourceCoordinates source, GrayImage image) {

    ModelInput {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(image, "image");
    }
}
