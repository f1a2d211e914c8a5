package io.denoiser.stream.inference;

import io.denoiser.model.artifact.ArtifactException;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.network.OneDnnAcceleration;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the real model for serving: the one class of the stream app that knows DL4J. The artifact is loaded
 * and verified once ({@link ArtifactLoader}); every {@link Denoiser} then runs on its own copy of the
 * network, with oneDNN convolutions where the native library has them, because
 * {@code MultiLayerNetwork.output} is synchronized and one shared network would serialise the stream threads.
 */
public final class ModelDenoisers {

    private static final Logger LOG = LoggerFactory.getLogger(ModelDenoisers.class);

    private ModelDenoisers() {
    }

    /**
     * @param artifact    the model artifact folder (model.json, model.zip)
     * @param nd4jThreads OpenMP threads per model call; 0 keeps ND4J's default
     * @throws ArtifactException naming the folder and the problem, when the artifact cannot be trusted
     */
    public static ServingModel load(Path artifact, int nd4jThreads) {
        if (nd4jThreads > 0) {
            Nd4j.getEnvironment().setMaxThreads(nd4jThreads);
        }
        ArtifactLoader.LoadedModel loaded = ArtifactLoader.load(artifact);
        boolean oneDnn = OneDnnAcceleration.available();
        String version = loaded.metadata().modelVersion();
        LOG.info("loaded model {} from {} ({} parameters, {})", version, artifact, loaded.network().numParams(),
                oneDnn ? "oneDNN convolutions" : "plain DL4J convolutions: no oneDNN in the native library");
        return new ServingModel(version, new NetworkCopies(loaded.network(), oneDnn));
    }

    /** Makes a denoiser per call on a fresh copy of the loaded network. Thread-safe. */
    private static final class NetworkCopies implements Supplier<Denoiser> {

        private final MultiLayerNetwork template;
        private final boolean oneDnn;

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
}
