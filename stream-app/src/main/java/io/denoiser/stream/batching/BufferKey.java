package io.denoiser.stream.batching;

import io.denoiser.stream.source.SourceCoordinates;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch buffer's key of a noisy image: its source partition and offset, zero-padded to fixed width
 * ({@code 0000000003-0000000000000001234}). Why: the store iterates keys in byte order, which is then
 * arrival order, so the oldest images come first; and an image read again after a crash gets the same key,
 * so a replay finds the entry that is still waiting and is not buffered a second time ({@link BatchBuffer#add}
 * keeps the first).
 */
public final class BufferKey {

    private static final int PARTITION_DIGITS = 10; // Integer.MAX_VALUE
    private static final int OFFSET_DIGITS = 19; // Long.MAX_VALUE

    private static final Pattern KEY = Pattern.compile("(\\d{" + PARTITION_DIGITS + "})-(\\d{" + OFFSET_DIGITS + "})");

    private BufferKey() {}

    public static String of(SourceCoordinates source) {
        return padded(source.partition(), PARTITION_DIGITS) + "-" + padded(source.offset(), OFFSET_DIGITS);
    }

    /**
     * The coordinates a key was made of, with the topic the task reads (keys leave it out); empty for a key this
     * class did not make. Needed for an entry whose value cannot be read, so that its dead letter says where the
     * original record is.
     */
    public static Optional<SourceCoordinates> coordinatesOf(String key, String topic) {
        Matcher matcher = KEY.matcher(key);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    new SourceCoordinates(topic, Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static String padded(long value, int digits) {
        String text = Long.toString(value);
        return "0".repeat(digits - text.length()) + text;
    }
}
