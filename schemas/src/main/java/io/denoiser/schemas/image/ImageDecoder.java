package io.denoiser.schemas.image;

import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;

/**
 * Turns one base64 image field into grey levels in two explicit steps: decoding the base64 text and then the
 * raw-u8 or PNG bytes ({@link ReasonCode#BAD_ENCODING}), and checking the image against the declared size
 * ({@link ReasonCode#SIZE_MISMATCH}; for a PNG from its header, before its pixels are inflated). Limits are
 * not its concern: check them first (see {@link NoisyImageAdmission}). Stateless and thread-safe.
 */
public final class ImageDecoder {

    private ImageDecoder() {}

    /**
     * Decodes base64 text in the given encoding into grey levels of the declared size.
     *
     * @param field the record field holding {@code base64}, named in errors
     * @throws InvalidRecordException with BAD_ENCODING or SIZE_MISMATCH
     */
    public static DecodedImage decode(
            ImageEncoding encoding, String base64, int declaredWidth, int declaredHeight, String field) {
        DeclaredSize size = new DeclaredSize(declaredWidth, declaredHeight, field);
        byte[] bytes = Base64Text.decode(base64, field);
        return switch (encoding) {
            case RAW_U8 -> RawU8Codec.decode(bytes, size);
            case PNG -> PngCodec.decode(bytes, size);
        };
    }
}
