package io.denoiser.model.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.ImageBatch;
import io.denoiser.model.network.OneDnnAcceleration;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Inference through the DL4J network itself, optionally with oneDNN convolutions. The reference
 * every faster runtime is checked against, and the fallback where none is available.
 *
 * <p>Thread-safety: {@code MultiLayerNetwork.output} is synchronized, so one instance serialises
 * its callers; give each stream thread its own instance.
 */
public final class Dl4jDenoiser implements Denoiser {

    private final MultiLayerNetwork network;
    private final String name;

    public Dl4jDenoiser(MultiLayerNetwork network) {
        this.network = network;
        this.name = OneDnnAcceleration.status(network).fullyAccelerated() ? "dl4j-onednn" : "dl4j-plain";
    }

    @Override
    public List<GrayImage> denoise(List<GrayImage> noisy) {
        return ShapeGroups.apply(noisy, this::sameShapeBatch);
    }

    private List<GrayImage> sameShapeBatch(List<GrayImage> batch) {
        INDArray output = network.output(ImageBatch.toTensor(batch), false);
        return ImageBatch.toImages(output);
    }

    @Override
    public String name() {
        return name;
    }
}
