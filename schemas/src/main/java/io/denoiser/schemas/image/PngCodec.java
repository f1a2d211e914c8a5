package io.denoiser.schemas.image;

import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * {@code png}: a PNG file, read and written with {@code javax.imageio} in memory (no display, no temporary
 * files). Decoding reads the header first and checks the declared size before any pixel is inflated, so a
 * small file claiming a huge image costs nothing.
 */
final class PngCodec {

    private static final String FORMAT = "png";

    private PngCodec() {}

    static DecodedImage decode(byte[] png, DeclaredSize size) {
        String field = size.field();
        ImageReader reader = newReader();
        try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(input, true, true);
            int width = read(() -> reader.getWidth(0), field);
            int height = read(() -> reader.getHeight(0), field);
            size.requirePngDimensions(width, height);
            BufferedImage image = read(() -> reader.read(0), field);
            return new DecodedImage(width, height, GreyLevels.of(image));
        } catch (IOException e) {
            throw notPng(field, e);
        } finally {
            reader.dispose();
        }
    }

    /** An 8-bit grey PNG holding exactly the image's grey levels. */
    static byte[] encode(DecodedImage image) {
        BufferedImage grey = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setDataElements(0, 0, image.width(), image.height(), image.pixels());
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(png)) {
            if (!ImageIO.write(grey, FORMAT, output)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a PNG to memory", e);
        }
        return png.toByteArray();
    }

    private static ImageReader newReader() {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(FORMAT);
        if (!readers.hasNext()) {
            throw new IllegalStateException("no PNG reader in this JDK");
        }
        return readers.next();
    }

    /** One step of reading; ImageIO reports some corrupt files with runtime exceptions rather than IOException. */
    private static <T> T read(ReadStep<T> step, String field) {
        try {
            return step.run();
        } catch (IOException | RuntimeException e) {
            throw notPng(field, e);
        }
    }

    private static InvalidRecordException notPng(String field, Exception cause) {
        return new InvalidRecordException(
                ReasonCode.BAD_ENCODING, field, field + " is not a readable PNG file: " + cause.getMessage(), cause);
    }

    @FunctionalInterface
    private interface ReadStep<T> {
        T run() throws IOException;
    }
}
