package io.denoiser.trainer;

import java.nio.file.Path;

/** The committed MNIST fixtures (data/fixtures/). */
public final class Fixtures {

    private Fixtures() {}

    /** The first 500 MNIST test images, gzip-compressed IDX. */
    public static Path mnistImages() {
        return Path.of(System.getProperty("denoiser.fixtures", "../data/fixtures"))
                .resolve("mnist-test-500-images-idx3-ubyte.gz");
    }
}
