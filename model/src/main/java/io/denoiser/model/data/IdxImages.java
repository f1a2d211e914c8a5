package io.denoiser.model.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (by the {@code .gz} suffix).
 * Images are {@code idx3} files of unsigned bytes (magic 0x00000803), labels {@code idx1} (0x00000801).
 */
public final class IdxImages {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxImages() {}

    public static ImageSet readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new BadDataException(
                        file,
                        String.format(
                                "not an IDX image file: magic number 0x%08X, expected 0x%08X%s",
                                magic, IMAGES_MAGIC, magic == LABELS_MAGIC ? " (this is a label file)" : ""));
            }
            int count = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            if (count <= 0 || height <= 0 || width <= 0) {
                throw new BadDataException(file, "header declares " + count + " images of " + width + "x" + height);
            }
            long expected = (long) count * width * height;
            if (expected > Integer.MAX_VALUE) {
                throw new BadDataException(
                        file,
                        "header declares " + count + " images of " + width + "x" + height
                                + ", more than fits in memory");
            }
            byte[] bytes = new byte[(int) expected];
            readFully(in, bytes, file, "images");
            float[] pixels = new float[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = (bytes[i] & 0xFF) / 255f;
            }
            return new ImageSet(file.getFileName().toString(), Checksums.sha256(file), width, height, count, pixels);
        } catch (NoSuchFileException e) {
            throw new BadDataException(file, "file not found (scripts/fetch-mnist.sh downloads MNIST)", e);
        } catch (EOFException e) {
            throw new BadDataException(file, "truncated: the file ends inside its header", e);
        } catch (IOException e) {
            throw new BadDataException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads labels and checks that there is one for each of {@code images}. */
    public static byte[] readLabels(Path file, ImageSet images) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new BadDataException(
                        file,
                        String.format(
                                "not an IDX label file: magic number 0x%08X, expected 0x%08X", magic, LABELS_MAGIC));
            }
            int count = in.readInt();
            if (count != images.count()) {
                throw new BadDataException(
                        file,
                        "size mismatch: " + count + " labels for " + images.count() + " images in " + images.source());
            }
            byte[] labels = new byte[count];
            readFully(in, labels, file, "labels");
            return labels;
        } catch (NoSuchFileException e) {
            throw new BadDataException(file, "file not found", e);
        } catch (EOFException e) {
            throw new BadDataException(file, "truncated: the file ends inside its header", e);
        } catch (IOException e) {
            throw new BadDataException(file, "cannot be read: " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return new DataInputStream(
                file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    private static void readFully(DataInputStream in, byte[] into, Path file, String what) throws IOException {
        int read = 0;
        while (read < into.length) {
            int n = in.read(into, read, into.length - read);
            if (n < 0) {
                throw new BadDataException(
                        file,
                        "truncated: header declares " + into.length + " bytes of " + what + ", the file holds " + read);
            }
            read += n;
        }
    }
}
