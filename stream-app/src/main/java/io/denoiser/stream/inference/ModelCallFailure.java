package io.denoiser.stream.inference;

/**
 * A model call failed in a way the app survives: the runtime threw, ran out of memory, broke the {@link
 * io.denoiser.model.inference.Denoiser} contract or returned pixels that are not numbers. {@link Bisection} then
 * looks for the images to blame.
 */
final class ModelCallFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ModelCallFailure(String message, Throwable cause) {
        super(message, cause);
    }

    ModelCallFailure(String message) {
        super(message);
    }
}
