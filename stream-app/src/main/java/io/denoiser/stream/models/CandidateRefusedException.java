package io.denoiser.stream.models;

/** A candidate model that must not serve, with the one-line reason that the log and the metrics report. */
public final class CandidateRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CandidateRefusedException(String reason) {
        super(reason);
    }

    public CandidateRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
