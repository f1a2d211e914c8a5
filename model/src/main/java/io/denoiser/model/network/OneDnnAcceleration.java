package io.denoiser.model.network;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNSubsamplingHelper;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Puts DL4J's own oneDNN helpers into every convolution and pooling layer of a network.
 *
 * <p>Why: in DL4J 1.0.0-M2.1 the helper is never installed by DL4J itself (its enable check looks
 * up a class that does not exist in that release), and the built-in im2col path runs this network
 * at about 1% of the CPU's speed. With the helper, training is ~13x faster with gradients equal
 * to the plain path's within 1.5e-6 (see docs/BENCHMARKS.md).
 *
 * <p>The helper lives in a protected field of a milestone release, so this class checks that it
 * is really there and really used: {@link #status} tells whether every convolution layer holds
 * the helper and none has fallen back to the plain path after a failure. Helpers are not
 * serialised: install again after every {@code init()} or restore.
 */
public final class OneDnnAcceleration {

    private static final Field HELPER = field(ConvolutionLayer.class, "helper");
    private static final Field HELPER_FAILURES = field(ConvolutionLayer.class, "helperCountFail");
    private static final Field POOLING_HELPER = field(SubsamplingLayer.class, "helper");

    private OneDnnAcceleration() {}

    /** Whether the loaded ND4J native library was built with oneDNN. */
    public static boolean available() {
        try {
            Nd4j.getExecutioner(); // loads the backend, which NativeOpsHolder needs first
            return NativeOpsHolder.getInstance()
                    .getDeviceNativeOps()
                    .buildInfo()
                    .contains("HAVE_ONEDNN");
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Installs the oneDNN helper into every convolution layer; returns the network for chaining. */
    public static MultiLayerNetwork install(MultiLayerNetwork network) {
        if (!available()) {
            throw new IllegalStateException("the ND4J native library on the class path has no oneDNN support;"
                    + " build with an x86_64 javacpp.platform or use the plain engine");
        }
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                set(conv, HELPER, new MKLDNNConvHelper(conv.getDataType()));
            } else if (layer instanceof SubsamplingLayer pooling) {
                set(pooling, POOLING_HELPER, new MKLDNNSubsamplingHelper(pooling.getDataType()));
            }
        }
        return network;
    }

    /** How many convolution layers use the helper, and how many fell back after a helper failure. */
    public static Status status(MultiLayerNetwork network) {
        int accelerated = 0;
        int fellBack = 0;
        List<ConvolutionLayer> layers = convolutionLayers(network);
        for (ConvolutionLayer layer : layers) {
            if (get(layer, HELPER) instanceof MKLDNNConvHelper) {
                accelerated++;
            }
            if ((int) get(layer, HELPER_FAILURES) > 0) {
                fellBack++;
            }
        }
        return new Status(layers.size(), accelerated, fellBack);
    }

    /** Counts of convolution layers by how they run. */
    public record Status(int convolutionLayers, int accelerated, int fellBack) {
        public boolean fullyAccelerated() {
            return convolutionLayers > 0 && accelerated == convolutionLayers && fellBack == 0;
        }

        @Override
        public String toString() {
            return accelerated + "/" + convolutionLayers + " convolutions on oneDNN"
                    + (fellBack > 0 ? ", " + fellBack + " fell back to the plain path" : "");
        }
    }

    private static List<ConvolutionLayer> convolutionLayers(MultiLayerNetwork network) {
        List<ConvolutionLayer> layers = new ArrayList<>();
        for (Layer layer : network.getLayers()) {
            if (layer instanceof ConvolutionLayer conv) {
                layers.add(conv);
            }
        }
        return layers;
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(
                    "DL4J's " + type.getSimpleName() + " has no field '" + name
                            + "': this class supports deeplearning4j 1.0.0-M2.1 only",
                    e);
        }
    }

    private static Object get(Layer layer, Field field) {
        try {
            return field.get(layer);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void set(Layer layer, Field field, Object value) {
        try {
            field.set(layer, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
