package io.denoiser.stream.inference;

import java.util.Arrays;
import java.util.Locale;

/**
 * What runs the network when serving, chosen with {@code model.runtime}. All three publish the same
 * reconstructions, at most one grey level apart (their floats differ in the last bits, by kernel and CPU; see
 * {@link io.denoiser.model.image.GreyLevelDifference}); they differ in speed, in what they need from the
 * platform, and in how they are shared.
 */
public enum ModelRuntime {

    /**
     * ONNX Runtime on the artifact's {@code model.onnx}: the fastest. One session serves every stream thread,
     * since {@code OrtSession.run} is documented thread-safe.
     */
    ONNX("onnx"),

    /** The DL4J network, one copy per stream task, with oneDNN convolutions where the native library has them. */
    DL4J("dl4j"),

    /** The DL4J network with its built-in layers only: the fallback for platforms without oneDNN or ONNX Runtime. */
    DL4J_PLAIN("dl4j-plain");

    private final String configName;

    ModelRuntime(String configName) {
        this.configName = configName;
    }

    /** The value of {@code model.runtime} that selects it. */
    public String configName() {
        return configName;
    }

    /**
     * The runtime that a value of {@code model.runtime} selects, in any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ModelRuntime fromConfigName(String name) {
        for (ModelRuntime runtime : values()) {
            if (runtime.configName.equals(name.toLowerCase(Locale.ROOT))) {
                return runtime;
            }
        }
        throw new IllegalArgumentException(
                "unknown model runtime '" + name + "': use one of " + String.join(", ", configNames()));
    }

    public static String[] configNames() {
        return Arrays.stream(values()).map(ModelRuntime::configName).toArray(String[]::new);
    }
}
