package io.denoiser.stream.inference;

/**
 * The artifact is fine but the chosen runtime cannot serve it on this machine; the message names the runtime
 * and the {@code model.runtime} to try instead.
 */
public class ServingModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ServingModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServingModelException(String message) {
        super(message);
    }
}
