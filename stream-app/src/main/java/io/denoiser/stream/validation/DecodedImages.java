package io.denoiser.stream.validation;

import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decoded pixels of the images one task's batch buffer holds, in memory, from decode-validate until their
 * batch is denoised. The buffer's changelog keeps the records' bytes, not these: an image restored after a
 * restart is not here and is read again from its bytes. For one stream thread; not thread-safe.
 */
public final class DecodedImages {

    private final Map<SourceCoordinates, ValidNoisyImage> images = new HashMap<>();

    public void put(AdmittedImage admitted) {
        images.put(admitted.input().source(), admitted.image());
    }

    /** The decoded image of a buffered record, removed from here: each is denoised once. */
    public Optional<ValidNoisyImage> take(InputRecord input) {
        return Optional.ofNullable(images.remove(input.source()));
    }

    public int size() {
        return images.size();
    }
}
