package io.denoiser.schemas.records;

import static io.denoiser.schemas.validation.FieldChecks.requireAtLeast;
import static io.denoiser.schemas.validation.FieldChecks.requireNonEmptyIfPresent;
import static io.denoiser.schemas.validation.FieldChecks.requirePresent;

import io.denoiser.schemas.validation.InvalidRecordException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What a dead letter carries in place of original bytes too large to carry whole: enough to find and recognise
 * the original (its size, its SHA-256, its first bytes), while the dead letter stays within Kafka's limits. The
 * original itself is still on the source topic, at the dead letter's coordinates, until retention removes it.
 *
 * @param size   the original's length in bytes
 * @param sha256 SHA-256 of the whole original, 64 lower-case hex digits
 * @param prefix optional first bytes of the original, base64; absent when not even they fitted
 */
public record OmittedBytes(@Required int size, @Required String sha256, String prefix) {

    private static final Pattern SHA_256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** Throws {@link InvalidRecordException} (SCHEMA_VIOLATION) naming the first offending field. */
    public OmittedBytes {
        requireAtLeast(size, 0, "size");
        requirePresent(sha256, "sha256");
        if (!SHA_256_HEX.matcher(sha256).matches()) {
            throw InvalidRecordException.schemaViolation("sha256", "sha256 must be 64 lower-case hex digits");
        }
        requireNonEmptyIfPresent(prefix, "prefix");
    }

    /** The summary of {@code bytes}, with at most {@code prefixBytes} of them as the prefix (none for 0). */
    public static OmittedBytes of(byte[] bytes, int prefixBytes) {
        return new OmittedBytes(bytes.length, sha256Hex(bytes), prefixOf(bytes, prefixBytes));
    }

    /** The same summary with a prefix of at most {@code prefixBytes} bytes. */
    public OmittedBytes withPrefixOfAtMost(int prefixBytes) {
        if (prefix == null) {
            return this;
        }
        return new OmittedBytes(size, sha256, prefixOf(prefixBytes(), prefixBytes));
    }

    /** The prefix's bytes; empty when there is no prefix. */
    public byte[] prefixBytes() {
        return prefix == null ? new byte[0] : Base64.getDecoder().decode(prefix);
    }

    private static String prefixOf(byte[] bytes, int prefixBytes) {
        int length = Math.min(bytes.length, Math.max(0, prefixBytes));
        return length == 0 ? null : Base64.getEncoder().encodeToString(Arrays.copyOf(bytes, length));
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
