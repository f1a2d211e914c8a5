package io.denoiser.model.image;

import java.util.List;

/**
 * How far apart two reconstructions are as their users get them: in 8-bit grey levels, each pixel rounded as
 * {@link GrayImage#toBytes()} publishes it. The measure for comparing runtimes and code paths: their floats
 * differ in the last bits from one CPU to another (oneDNN, OpenBLAS and ONNX Runtime pick other kernels on
 * other instruction sets), which moves a pixel by at most one level where it sits on a rounding boundary, while
 * a real disagreement (a wrong weight, padding or layer) moves many pixels by many levels.
 */
public final class GreyLevelDifference {

    /**
     * What two runtimes computing the same network may differ by: one level, where float noise crosses a
     * rounding boundary.
     */
    public static final int SAME_NETWORK = 1;

    private GreyLevelDifference() {}

    /** The largest difference in grey levels between corresponding pixels of two images of one shape. */
    public static int max(GrayImage a, GrayImage b) {
        if (!a.sameShapeAs(b)) {
            throw new IllegalArgumentException("cannot compare a " + a.width() + "x" + a.height() + " image with a "
                    + b.width() + "x" + b.height() + " one");
        }
        byte[] levelsA = a.toBytes();
        byte[] levelsB = b.toBytes();
        int max = 0;
        for (int i = 0; i < levelsA.length; i++) {
            max = Math.max(max, Math.abs((levelsA[i] & 0xFF) - (levelsB[i] & 0xFF)));
        }
        return max;
    }

    /** The largest difference in grey levels over two equally long lists of images, compared pairwise. */
    public static int max(List<GrayImage> a, List<GrayImage> b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("cannot compare " + a.size() + " images with " + b.size());
        }
        int max = 0;
        for (int i = 0; i < a.size(); i++) {
            max = Math.max(max, max(a.get(i), b.get(i)));
        }
        return max;
    }
}
