package io.denoiser.stream.inference;

import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.network.OneDnnAcceleration;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Makes a denoiser per call on a fresh copy of a loaded network, with oneDNN helpers or without. Why copies:
 * {@code MultiLayerNetwork.output} is synchronized, so one shared network would serialise the stream threads.
 * Thread-safe.
 */
final class NetworkCopies implements Supplier<Denoiser> {

    private final MultiLayerNetwork template;
    private final boolean oneDnn;

    /** @param oneDnn whether to install the oneDNN helpers; only where {@link OneDnnAcceleration#available()} */
    NetworkCopies(MultiLayerNetwork template, boolean oneDnn) {
        this.template = template;
        this.oneDnn = oneDnn;
    }

    /** Synchronized: stream threads initialise their tasks concurrently, and cloning reads the template. */
    @Override
    public synchronized Denoiser get() {
        MultiLayerNetwork copy = template.clone();
        if (oneDnn) {
            OneDnnAcceleration.install(copy); // helpers are not copied: install them on every copy
        }
        return new Dl4jDenoiser(copy);
    }
}
