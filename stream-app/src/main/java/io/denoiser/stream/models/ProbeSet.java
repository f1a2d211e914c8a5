package io.denoiser.stream.models;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.metrics.Psnr;
import io.denoiser.model.noise.NoiseSpec;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;

/**
 * The images a candidate model is judged on before it serves: MNIST test digits shipped with the app (the first 500
 * of {@code t10k-images-idx3-ubyte}, the same file as {@code data/fixtures}), with the noise the models are trained
 * on (Gaussian 0.5, clipped) from a fixed seed, and the clean digit as reference. The same images on every instance
 * and every run, so two models' figures compare. Immutable.
 */
public final class ProbeSet {

    /** Enough for a PSNR mean steady to ~0.1 dB between models, small enough for dl4j-plain (~1 s). */
    public static final int DEFAULT_SIZE = 200;

    private static final String RESOURCE = "probe-digits-idx3-ubyte.gz";
    private static final int IDX_IMAGES_MAGIC = 0x00000803;
    private static final long NOISE_SEED = 20_261_205L;

    private final List<GrayImage> noisy;
    private final List<GrayImage> clean;

    private ProbeSet(List<GrayImage> noisy, List<GrayImage> clean) {
        this.noisy = List.copyOf(noisy);
        this.clean = List.copyOf(clean);
    }

    /** The first {@code size} shipped digits (at most 500), with their seeded noise. */
    public static ProbeSet shipped(int size) {
        List<GrayImage> clean = readDigits(size);
        SplittableRandom random = new SplittableRandom(NOISE_SEED);
        List<GrayImage> noisy = new ArrayList<>(clean.size());
        for (GrayImage digit : clean) {
            noisy.add(new GrayImage(digit.width(), digit.height(), NoiseSpec.DEFAULT.apply(digit.pixels(), random)));
        }
        return new ProbeSet(noisy, clean);
    }

    public List<GrayImage> noisy() {
        return noisy;
    }

    public int size() {
        return noisy.size();
    }

    public int width() {
        return noisy.get(0).width();
    }

    public int height() {
        return noisy.get(0).height();
    }

    /**
     * The mean PSNR over the probe images of {@code denoised} (one per noisy probe image, in order) against the
     * clean digits, in dB, as the trainer reports it.
     */
    public double meanPsnr(List<GrayImage> denoised) {
        if (denoised.size() != clean.size()) {
            throw new IllegalArgumentException(
                    "expected " + clean.size() + " denoised probe images, got " + denoised.size());
        }
        double sum = 0;
        for (int i = 0; i < clean.size(); i++) {
            sum += Psnr.of(denoised.get(i), clean.get(i));
        }
        return sum / clean.size();
    }

    /** PSNR of the noisy probe images themselves: what a model that changes nothing scores. */
    public double noisyPsnr() {
        return meanPsnr(noisy);
    }

    private static List<GrayImage> readDigits(int size) {
        try (InputStream raw = ProbeSet.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("the probe set " + RESOURCE + " is missing from the class path");
            }
            DataInputStream in = new DataInputStream(new GZIPInputStream(raw));
            if (in.readInt() != IDX_IMAGES_MAGIC) {
                throw new IllegalStateException(RESOURCE + " is not an IDX image file");
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (size < 1 || size > count) {
                throw new IllegalArgumentException("the probe set has " + count + " images, asked for " + size);
            }
            List<GrayImage> digits = new ArrayList<>(size);
            byte[] pixels = new byte[rows * columns];
            for (int i = 0; i < size; i++) {
                in.readFully(pixels);
                digits.add(GrayImage.fromBytes(columns, rows, pixels));
            }
            return digits;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the probe set " + RESOURCE, e);
        }
    }
}
