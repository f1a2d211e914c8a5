package io.denoiser.stream.config;

import java.util.Objects;

/**
 * The three topics of the data path and their contracts (all values UTF-8 JSON, keys the image id as
 * UTF-8, passed through as bytes).
 *
 * @param input      noisy images ({@code noisy-image.v1}); read as raw bytes so dead letters keep them
 * @param output     reconstructions ({@code reconstruction.v1}), key and timestamp of the noisy image
 * @param deadLetter dead letters ({@code dead-letter.v1}), key of the noisy image
 */
public record TopicNames(String input, String output, String deadLetter) {

    /** The topics the app, the tools and docker-compose use unless told otherwise. */
    public static final TopicNames DEFAULT = new TopicNames("images.noisy", "images.denoised", "images.dlq");

    public TopicNames {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(deadLetter, "deadLetter");
        if (input.equals(output) || input.equals(deadLetter) || output.equals(deadLetter)) {
            throw new IllegalArgumentException("the input, output and dead-letter topics must differ, got " + input
                    + ", " + output + ", " + deadLetter);
        }
    }
}
