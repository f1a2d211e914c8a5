package io.denoiser.model.inference;

import io.denoiser.model.image.GrayImage;
import java.util.List;

/**
 * Turns noisy images into reconstructions, one batch at a time. The stream app and the trainer's
 * evaluation see the network only through this interface, so tests can run with a fake and the
 * runtime behind it can be chosen by measurement.
 *
 * <p>Contract: the result has one reconstruction per input, in input order, each the size of its
 * input. Inputs of different sizes may be mixed. Implementations say whether they are thread-safe.
 */
public interface Denoiser extends AutoCloseable {

    List<GrayImage> denoise(List<GrayImage> noisy);

    /** A short name of the runtime, for logs and benchmarks (e.g. {@code dl4j-onednn}). */
    String name();

    @Override
    default void close() {}
}
