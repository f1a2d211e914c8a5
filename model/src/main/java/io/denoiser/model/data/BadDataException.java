package io.denoiser.model.data;

import java.nio.file.Path;

/** Input data that cannot be used, with the file it came from and what is wrong with it. */
public class BadDataException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadDataException(Path file, String problem) {
        super(file + ": " + problem);
    }

    public BadDataException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
