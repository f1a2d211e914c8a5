package io.denoiser.stream.batching;

import io.denoiser.stream.source.SourceCoordinates;

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

    private BufferKey() {}

    public static String of(SourceCoordinates source) {
        return padded(source.partition(), PARTITION_DIGITS) + "-" + padded(source.offset(), OFFSET_DIGITS);
    }

    private static String padded(long value, int digits) {
        String text = Long.toString(value);
        return "0".repeat(digits - text.length()) + text;
    }
}
