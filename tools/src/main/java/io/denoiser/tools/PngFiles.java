package io.denoiser.tools;

import io.denoiser.model.image.GrayImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes grey images and pictures as PNG files. */
public final class PngFiles {

    private PngFiles() {}

    public static void write(GrayImage image, Path file) {
        BufferedImage grey = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, image.width(), image.height(), image.toBytes());
        write(grey, file);
    }

    public static void write(BufferedImage picture, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            if (!ImageIO.write(picture, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** A file name made of the characters of {@code id} that are safe everywhere, e.g. {@code mnist-00042.png}. */
    public static String fileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._~-]", "_") + ".png";
    }
}
