package io.denoiser.schemas.records;

import static io.denoiser.schemas.validation.FieldChecks.requireAtLeast;
import static io.denoiser.schemas.validation.FieldChecks.requireAtLeastIfPresent;
import static io.denoiser.schemas.validation.FieldChecks.requireNonEmpty;
import static io.denoiser.schemas.validation.FieldChecks.requireNonEmptyIfPresent;
import static io.denoiser.schemas.validation.FieldChecks.requirePresent;
import static io.denoiser.schemas.validation.FieldChecks.requireStringMapIfPresent;

import io.denoiser.schemas.validation.InvalidRecordException;
import java.util.Map;

/**
 * An image to denoise, as published on the input topic ({@code noisy-image.v1.schema.json}). The image
 * payloads stay base64 text as on the wire; {@code io.denoiser.schemas.image.NoisyImageDecoder} decodes
 * them. Optional components are {@code null} when absent.
 *
 * @param id         unique per image and also the Kafka record key; 1 to 256 characters
 * @param width      declared width in pixels
 * @param height     declared height in pixels
 * @param channels   1 (grey); 3 is reserved for colour and not supported yet
 * @param encoding   how {@code data} and {@code reference} are encoded
 * @param data       the noisy image, base64
 * @param timestamp  optional event time, epoch milliseconds
 * @param reference  optional clean image in the same encoding and size, base64, for evaluation
 * @param attributes optional free-form strings, carried for the producer's own use
 */
public record NoisyImage(
        @Required String id,
        @Required int width,
        @Required int height,
        @Required int channels,
        @Required ImageEncoding encoding,
        @Required String data,
        Long timestamp,
        String reference,
        Map<String, String> attributes) {

    public static final int MAX_ID_LENGTH = 256;

    /** Throws {@link InvalidRecordException} (SCHEMA_VIOLATION) naming the first offending field. */
    public NoisyImage {
        requireNonEmpty(id, MAX_ID_LENGTH, "id");
        requireAtLeast(width, 1, "width");
        requireAtLeast(height, 1, "height");
        requireSchemaChannels(channels);
        requirePresent(encoding, "encoding");
        requireNonEmpty(data, "data");
        requireAtLeastIfPresent(timestamp, 0, "timestamp");
        requireNonEmptyIfPresent(reference, "reference");
        attributes = requireStringMapIfPresent(attributes, "attributes");
    }

    /** A noisy image with only the required fields. */
    public static NoisyImage of(String id, int width, int height, ImageEncoding encoding, String data) {
        return new NoisyImage(id, width, height, 1, encoding, data, null, null, null);
    }

    public boolean hasReference() {
        return reference != null;
    }

    private static void requireSchemaChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw InvalidRecordException.schemaViolation(
                    "channels", "channels must be 1 (grey) or 3 (colour, reserved), got " + channels);
        }
    }
}
