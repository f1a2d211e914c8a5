package io.denoiser.stream.reliability;

/**
 * Moments at which the crash test kills the app with SIGKILL, each recognised from outside its process by what it
 * writes to Kafka, and the kill sent as soon as it is seen (within a few milliseconds of polling).
 */
enum KillPoint {
    /**
     * The buffer's changelog has just received an entry that is not deleted: images were waiting in the batch
     * buffer at a commit (the store's cache writes the changelog out before each commit). The restarted instance
     * restores them and replays the input from the committed offsets.
     */
    BUFFERED("images wait in the batch buffer", "a buffer entry written to the changelog and not deleted"),
    /**
     * A {@code read_uncommitted} reader has just seen new reconstructions: a batch was published, and its input
     * offsets and buffer deletes are not committed yet (under at-least-once for up to {@code commit.interval.ms}; under
     * exactly-once its transaction is still open and will be aborted).
     */
    AFTER_FLUSH("a batch has just been published", "new reconstructions seen by a read_uncommitted reader"),
    /**
     * The group's committed input offsets have just moved: a commit has completed, and under exactly-once the next
     * transaction is beginning; its markers may still be on their way to the other partitions.
     */
    AT_COMMIT("a commit has just completed", "the group's committed input offsets move");

    private final String moment;
    private final String seenAs;

    KillPoint(String moment, String seenAs) {
        this.moment = moment;
        this.seenAs = seenAs;
    }

    String moment() {
        return moment;
    }

    String seenAs() {
        return seenAs;
    }
}
