package io.denoiser.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The files the kit ships in its jar (the default model, 500 MNIST test digits), copied once per JVM into a
 * temporary folder: the app and the IDX reader take paths, and a jar on a user's class path is no folder.
 */
final class ShippedFiles {

    private static final String MODEL = "/io/denoiser/testkit/model/";
    private static final String DIGITS = "/io/denoiser/testkit/digits/mnist-test-500-images-idx3-ubyte.gz";

    private static Path defaultModel;
    private static Path digits;

    private ShippedFiles() {}

    /** The folder of the default model artifact ({@code models/default} of the project). */
    static synchronized Path defaultModel() {
        if (defaultModel == null) {
            Path folder = tempFolder("denoiser-testkit-model-");
            for (String file : new String[] {"model.json", "model.zip", "model.onnx"}) {
                copy(MODEL + file, folder.resolve(file));
            }
            defaultModel = folder;
        }
        return defaultModel;
    }

    /** The IDX file of the first 500 MNIST test digits, gzipped. */
    static synchronized Path digits() {
        if (digits == null) {
            Path file = tempFolder("denoiser-testkit-digits-").resolve("mnist-test-500-images-idx3-ubyte.gz");
            copy(DIGITS, file);
            digits = file;
        }
        return digits;
    }

    private static Path tempFolder(String prefix) {
        try {
            Path folder = Files.createTempDirectory(prefix);
            folder.toFile().deleteOnExit();
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the test kit's files", e);
        }
    }

    private static void copy(String resource, Path target) {
        try (InputStream in = ShippedFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the test kit's jar lacks " + resource + ": a broken build of the kit");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + resource + " to " + target, e);
        }
    }
}
