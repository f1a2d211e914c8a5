package io.denoiser.stream.batching;

import java.util.Objects;

/** One entry of the batch buffer as read back: a waiting image, or bytes this build cannot read. */
sealed interface BufferEntry {

    /** The entry's {@link BufferKey}. */
    String key();

    /** A waiting image. */
    record Waiting(String key, PendingImage image) implements BufferEntry {
        public Waiting {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(image, "image");
        }
    }

    /**
     * An entry {@link PendingImageSerde} cannot read: corrupt, or written by a newer build in a format this one
     * does not know. It is dead-lettered and deleted like a flushed image, so that it cannot stop every start.
     *
     * @param size    the entry's length in bytes
     * @param problem why it cannot be read
     */
    record Unreadable(String key, int size, String problem) implements BufferEntry {
        public Unreadable {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(problem, "problem");
        }
    }
}
