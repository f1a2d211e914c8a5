package io.denoiser.model.image;

/**
 * Pads images with zeros on the right and bottom to sides that are multiples of a number, and crops
 * them back. The network is fully convolutional but pools twice, so it needs sides divisible by 4;
 * zero is the background of the images it was trained on.
 */
public final class Padding {

    private Padding() {}

    public static int roundUp(int side, int multiple) {
        if (side <= 0 || multiple <= 0) {
            throw new IllegalArgumentException("side and multiple must be positive, got " + side + ", " + multiple);
        }
        return (side + multiple - 1) / multiple * multiple;
    }

    public static GrayImage padToMultiple(GrayImage image, int multiple) {
        int width = roundUp(image.width(), multiple);
        int height = roundUp(image.height(), multiple);
        if (width == image.width() && height == image.height()) {
            return image;
        }
        float[] padded = new float[width * height];
        for (int y = 0; y < image.height(); y++) {
            System.arraycopy(image.pixels(), y * image.width(), padded, y * width, image.width());
        }
        return new GrayImage(width, height, padded);
    }

    /** The top-left {@code width x height} part of {@code image}. */
    public static GrayImage crop(GrayImage image, int width, int height) {
        if (width > image.width() || height > image.height()) {
            throw new IllegalArgumentException(
                    "cannot crop a " + image.width() + "x" + image.height() + " image to " + width + "x" + height);
        }
        if (width == image.width() && height == image.height()) {
            return image;
        }
        float[] cropped = new float[width * height];
        for (int y = 0; y < height; y++) {
            System.arraycopy(image.pixels(), y * image.width(), cropped, y * width, width);
        }
        return new GrayImage(width, height, cropped);
    }
}
