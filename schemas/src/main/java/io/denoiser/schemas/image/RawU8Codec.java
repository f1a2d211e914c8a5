package io.denoiser.schemas.image;

/** {@code raw-u8}: the grey levels themselves, one byte per pixel, row-major, no header. */
final class RawU8Codec {

    private RawU8Codec() {}

    static DecodedImage decode(byte[] bytes, DeclaredSize size) {
        size.requireRawByteCount(bytes.length);
        return new DecodedImage(size.width(), size.height(), bytes);
    }

    static byte[] encode(DecodedImage image) {
        return image.pixels().clone();
    }
}
