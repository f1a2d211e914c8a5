package io.denoiser.schemas.image;

import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.util.Base64;

/**
 * Standard base64 (RFC 4648, section 4) as used by the image fields: no line breaks, padding optional.
 * Undecodable text is {@link ReasonCode#BAD_ENCODING}.
 */
final class Base64Text {

    private Base64Text() {}

    static byte[] decode(String text, String field) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(
                    ReasonCode.BAD_ENCODING, field, field + " is not valid base64: " + e.getMessage(), e);
        }
    }

    static String encode(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
