package io.denoiser.model.data;

import io.denoiser.model.artifact.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** SHA-256 of data files, recorded in the model artifact so a model can be traced to its data. */
final class Checksums {

    private Checksums() {}

    static String sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
