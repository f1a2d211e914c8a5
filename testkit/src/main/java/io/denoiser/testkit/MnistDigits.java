package io.denoiser.testkit;

import io.denoiser.model.data.IdxImages;
import io.denoiser.model.data.ImageSet;
import io.denoiser.model.image.GrayImage;
import java.util.ArrayList;
import java.util.List;

/** Clean handwritten digits to publish in tests: the first 500 images of the MNIST test set, shipped in the kit. */
public final class MnistDigits {

    /** How many digits the kit ships. */
    public static final int AVAILABLE = 500;

    private static ImageSet digits;

    private MnistDigits() {}

    /** The first {@code count} digits, 28x28, in the test set's order. */
    public static List<GrayImage> first(int count) {
        if (count < 0 || count > AVAILABLE) {
            throw new IllegalArgumentException("the kit ships " + AVAILABLE + " digits, asked for " + count);
        }
        ImageSet set = all();
        List<GrayImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            images.add(set.image(i));
        }
        return images;
    }

    private static synchronized ImageSet all() {
        if (digits == null) {
            digits = IdxImages.readImages(ShippedFiles.digits());
        }
        return digits;
    }
}
