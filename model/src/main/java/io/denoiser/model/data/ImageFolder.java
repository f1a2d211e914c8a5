package io.denoiser.model.data;

import io.denoiser.model.artifact.Sha256;
import io.denoiser.model.image.GrayImage;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Reads a folder of PNG/JPEG images (a user's own data) as one image set: each image converted to
 * grey, its shorter side scaled to the target size and the longer one centre-cropped, values scaled
 * into [0, 1]. Files are taken in name order; the set's checksum covers every file's name and bytes.
 */
public final class ImageFolder {

    private ImageFolder() {}

    public static ImageSet read(Path folder, int width, int height) {
        List<Path> files = imageFiles(folder);
        if (files.isEmpty()) {
            throw new BadDataException(folder, "no .png, .jpg or .jpeg files in this folder");
        }
        float[] pixels = new float[files.size() * width * height];
        StringBuilder manifest = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage grey = fit(readImage(file), width, height);
            float[] levels = grey.getRaster().getSamples(0, 0, width, height, 0, (float[]) null);
            for (int j = 0; j < levels.length; j++) {
                pixels[i * width * height + j] = levels[j] / 255f;
            }
            manifest.append(file.getFileName())
                    .append(' ')
                    .append(Checksums.sha256(file))
                    .append('\n');
        }
        String sha256 = Sha256.ofBytes(manifest.toString().getBytes(StandardCharsets.UTF_8));
        return new ImageSet(folder.getFileName() + "/", sha256, width, height, files.size(), pixels);
    }

    /** One PNG/JPEG file at its own size, converted to grey, values scaled into [0, 1]. */
    public static GrayImage readGrey(Path file) {
        BufferedImage source = readImage(file);
        int width = source.getWidth();
        int height = source.getHeight();
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.drawImage(source, 0, 0, null);
        g.dispose();
        float[] levels = grey.getRaster().getSamples(0, 0, width, height, 0, (float[]) null);
        for (int i = 0; i < levels.length; i++) {
            levels[i] /= 255f;
        }
        return new GrayImage(width, height, levels);
    }

    /** The PNG/JPEG files directly in {@code folder}, in name order. */
    public static List<Path> imageFiles(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(ImageFolder::isImage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new BadDataException(folder, "cannot list the folder: " + e.getMessage(), e);
        }
    }

    public static boolean isImage(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }

    private static BufferedImage readImage(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new BadDataException(file, "not a readable PNG or JPEG image");
            }
            return image;
        } catch (IOException e) {
            throw new BadDataException(file, "not a readable PNG or JPEG image: " + e.getMessage(), e);
        }
    }

    /** Grey, shorter side scaled to fit, longer side centre-cropped. */
    static BufferedImage fit(BufferedImage source, int width, int height) {
        double scale = Math.max((double) width / source.getWidth(), (double) height / source.getHeight());
        int scaledWidth = (int) Math.round(source.getWidth() * scale);
        int scaledHeight = (int) Math.round(source.getHeight() * scale);
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(source, (width - scaledWidth) / 2, (height - scaledHeight) / 2, scaledWidth, scaledHeight, null);
        g.dispose();
        return grey;
    }
}
