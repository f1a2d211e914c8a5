package io.denoiser.schemas.records;

import com.fasterxml.jackson.annotation.JsonValue;

/** How the base64 {@code data} of an image is to be read; the JSON holds the wire name. */
public enum ImageEncoding {

    /** Row-major 8-bit samples, {@code width x height x channels} bytes, no header. */
    RAW_U8("raw-u8"),

    /** A complete PNG file, any colour type and bit depth. */
    PNG("png");

    private final String wireName;

    ImageEncoding(String wireName) {
        this.wireName = wireName;
    }

    /** The value of the JSON field {@code encoding}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }
}
