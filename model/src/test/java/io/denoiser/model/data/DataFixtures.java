package io.denoiser.model.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** The committed MNIST fixtures (data/fixtures/) and small IDX files made on the spot. */
public final class DataFixtures {

    private DataFixtures() {}

    public static Path folder() {
        return Path.of(System.getProperty("denoiser.fixtures", "../data/fixtures"));
    }

    /** The first 500 MNIST test images, gzip-compressed IDX. */
    public static Path mnistImages() {
        return folder().resolve("mnist-test-500-images-idx3-ubyte.gz");
    }

    public static Path mnistLabels() {
        return folder().resolve("mnist-test-500-labels-idx1-ubyte.gz");
    }

    /** An uncompressed IDX image file with the given header and body bytes. */
    public static Path idx(Path file, int magic, int[] dimensions, int bodyBytes) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4 + 4 * dimensions.length);
        header.putInt(magic);
        for (int dimension : dimensions) {
            header.putInt(dimension);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.array());
            out.write(new byte[bodyBytes]);
        }
        return file;
    }

    public static Path gzip(Path source, Path target) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(target))) {
            Files.copy(source, out);
        }
        return target;
    }
}
