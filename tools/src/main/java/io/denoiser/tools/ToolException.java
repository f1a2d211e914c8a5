package io.denoiser.tools;

/** A failure a tool reports as one line to its user (bad input, nothing arrived in time...), not a stack trace. */
public final class ToolException extends RuntimeException {

    public ToolException(String message) {
        super(message);
    }

    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
