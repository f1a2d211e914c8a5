package io.denoiser.stream.validation;

import io.denoiser.stream.source.InputRecord;
import java.util.Objects;

/**
 * What decode-validate hands on for a record that passed: the record as it arrived (the batch buffer keeps its
 * bytes, and a dead letter may need them) and its decoded pixels, so that nothing reads the record a second time.
 */
public record AdmittedImage(InputRecord input, ValidNoisyImage image) {

    public AdmittedImage {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(image, "image");
    }
}
