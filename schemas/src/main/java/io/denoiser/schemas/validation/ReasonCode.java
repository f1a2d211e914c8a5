package io.denoiser.schemas.validation;

/**
 * Why a record was rejected; a dead letter carries exactly one. The README's reason-code table lists the
 * same constants with the same descriptions (a test keeps them in step).
 */
public enum ReasonCode {
    MALFORMED_JSON("The value is not one well-formed JSON document: empty, truncated, not UTF-8, "
            + "a duplicate key or trailing content."),
    SCHEMA_VIOLATION("The JSON breaks the record's schema: a required field is missing, a field is null, "
            + "has the wrong type or an out-of-range value, or is unknown while unknown fields are rejected."),
    BAD_ENCODING("data or reference is not valid base64, or is not a PNG file although encoding is png."),
    SIZE_MISMATCH("The decoded image does not have the declared size: raw-u8 byte count is not "
            + "width x height x channels, or the PNG's dimensions are not width x height."),
    TOO_LARGE("width or height is above the configured maximum, data or reference is longer than the "
            + "maximum encoded size, or the whole record (key and value) is larger than the app can pass through "
            + "Kafka."),
    UNSUPPORTED_SHAPE("The image is valid but its shape is not supported yet: channels 3 (colour) is reserved."),
    INFERENCE_FAILED("The model failed on a valid image. Raised by the stream app, never caused by the input "
            + "record alone."),
    UNREADABLE_BUFFER_ENTRY("A valid image waiting in the stream app's batch buffer could not be read back: the"
            + " entry is corrupt or was written by a newer version of the app. The dead letter carries where the"
            + " original record is, not its bytes. Raised by the stream app, never caused by the input record alone."),
    PROCESSING_FAILED("The stream app failed on the record in a way no other code describes (a defect of the app);"
            + " the record is set aside so that the records behind it are still processed.");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    /** One line for humans, as in the README's table. */
    public String description() {
        return description;
    }

    /** Whether a record on the input topic can cause this code by itself, without the app failing. */
    public boolean causedByInput() {
        return this != INFERENCE_FAILED && this != UNREADABLE_BUFFER_ENTRY && this != PROCESSING_FAILED;
    }
}
