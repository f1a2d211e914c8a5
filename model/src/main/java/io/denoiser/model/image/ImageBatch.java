package io.denoiser.model.image;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Converts between images and the network's NCHW tensors {@code [n, 1, height, width]}.
 * All images of one batch must share one shape.
 */
public final class ImageBatch {

    private ImageBatch() {}

    public static INDArray toTensor(List<GrayImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one image");
        }
        GrayImage first = images.get(0);
        int size = first.pixelCount();
        float[] packed = new float[images.size() * size];
        for (int i = 0; i < images.size(); i++) {
            GrayImage image = images.get(i);
            if (!image.sameShapeAs(first)) {
                throw new IllegalArgumentException("all images of a batch must have one shape: image " + i
                        + " is " + image.width() + "x" + image.height() + ", image 0 is "
                        + first.width() + "x" + first.height());
            }
            System.arraycopy(image.pixels(), 0, packed, i * size, size);
        }
        return toTensor(packed, images.size(), first.height(), first.width());
    }

    /** Wraps {@code count} packed row-major images into a tensor (copies the array once). */
    public static INDArray toTensor(float[] packed, int count, int height, int width) {
        return Nd4j.create(packed, new long[] {count, 1, height, width}, 'c');
    }

    public static List<GrayImage> toImages(INDArray tensor) {
        if (tensor.rank() != 4 || tensor.size(1) != 1) {
            throw new IllegalArgumentException("expected a [n, 1, h, w] tensor, got " + tensor.shapeInfoToString());
        }
        int count = (int) tensor.size(0);
        int height = (int) tensor.size(2);
        int width = (int) tensor.size(3);
        float[] packed = tensor.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int size = height * width;
        List<GrayImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[size];
            System.arraycopy(packed, i * size, pixels, 0, size);
            images.add(new GrayImage(width, height, pixels));
        }
        return images;
    }
}
