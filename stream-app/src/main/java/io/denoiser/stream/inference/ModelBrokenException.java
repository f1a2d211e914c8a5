package io.denoiser.stream.inference;

/**
 * The model failed on a batch and then on a probe image that any working model denoises: the model or its
 * runtime is broken, not the images. Thrown out of the micro-batcher before anything of the batch is published or
 * deleted, so the buffered images stay in the changelogged buffer for the next start; the instance stops (its
 * uncaught-exception policy), instead of turning every image into a dead letter. Whatever handles processing
 * exceptions must let it through, never dead-letter the record it arrived with.
 */
public class ModelBrokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelBrokenException(String message, Throwable cause) {
        super(message, cause);
    }
}
