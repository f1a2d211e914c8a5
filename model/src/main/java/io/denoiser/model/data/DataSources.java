package io.denoiser.model.data;

import java.nio.file.Files;
import java.nio.file.Path;

/** Reads images from a path: a folder of PNG/JPEG files, or an IDX image file (raw or .gz). */
public final class DataSources {

    private DataSources() {}

    /**
     * Reads an IDX file, or a folder of PNG/JPEG images, whichever {@code path} is.
     *
     * @param width  the size folder images are fitted to; IDX files keep their own size
     * @param height likewise
     */
    public static ImageSet read(Path path, int width, int height) {
        if (Files.isDirectory(path)) {
            return ImageFolder.read(path, width, height);
        }
        if (!Files.exists(path)) {
            throw new BadDataException(
                    path,
                    "no such file or folder"
                            + (path.toString().contains("mnist")
                                    ? " (scripts/fetch-mnist.sh downloads MNIST into data/mnist/)"
                                    : ""));
        }
        return IdxImages.readImages(path);
    }
}
