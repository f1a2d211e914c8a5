package io.denoiser.schemas.validation;

/**
 * Upper bounds on what a noisy image may declare, checked before any decoding so that a hostile record
 * cannot make the app allocate much memory. Exceeding one is {@link ReasonCode#TOO_LARGE}.
 *
 * @param maxWidth        largest accepted {@code width} in pixels
 * @param maxHeight       largest accepted {@code height} in pixels
 * @param maxEncodedBytes largest accepted length of {@code data} (and of {@code reference}) as base64 text
 */
public record RecordLimits(int maxWidth, int maxHeight, int maxEncodedBytes) {

    public static final int DEFAULT_MAX_SIDE = 1024;

    /** 4 MiB of base64 is exactly 3 MiB decoded: a 1024 x 1024 raw-u8 image with 3 channels. */
    public static final int DEFAULT_MAX_ENCODED_BYTES = 4 * 1024 * 1024;

    public RecordLimits {
        requirePositive(maxWidth, "maxWidth");
        requirePositive(maxHeight, "maxHeight");
        requirePositive(maxEncodedBytes, "maxEncodedBytes");
    }

    /** 1024 x 1024 pixels and 4 MiB of base64. */
    public static RecordLimits defaults() {
        return new RecordLimits(DEFAULT_MAX_SIDE, DEFAULT_MAX_SIDE, DEFAULT_MAX_ENCODED_BYTES);
    }

    private static void requirePositive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, got " + value);
        }
    }
}
