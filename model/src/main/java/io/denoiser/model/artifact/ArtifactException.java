package io.denoiser.model.artifact;

import java.nio.file.Path;

/** A model artifact that cannot be used, with the folder and what is wrong with it. */
public class ArtifactException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ArtifactException(Path folder, String problem) {
        super("model artifact " + folder + ": " + problem);
    }

    public ArtifactException(Path folder, String problem, Throwable cause) {
        super("model artifact " + folder + ": " + problem, cause);
    }
}
