package io.denoiser.schemas.image;

import io.denoiser.schemas.records.ImageEncoding;

/**
 * Turns grey levels into the base64 text of an image field; {@link ImageDecoder} reads it back unchanged.
 * Stateless and thread-safe.
 */
public final class ImageEncoder {

    private ImageEncoder() {}

    public static String encode(DecodedImage image, ImageEncoding encoding) {
        byte[] bytes = switch (encoding) {
            case RAW_U8 -> RawU8Codec.encode(image);
            case PNG -> PngCodec.encode(image);
        };
        return Base64Text.encode(bytes);
    }
}
