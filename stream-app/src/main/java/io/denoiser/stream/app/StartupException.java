package io.denoiser.stream.app;

/** The app did not get to RUNNING; the message says why in one line, for the user. */
public class StartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
