package io.denoiser.stream.inference;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.source.InputRecord;
import java.util.Objects;

/** What a flushed image becomes: a reconstruction for the output topic, or a dead letter. */
public sealed interface FlushOutcome {

    /** The image as it arrived; the outcome is published with its key and timestamp. */
    InputRecord input();

    /**
     * The reconstruction and its record value, written where the model ran: the stream thread, which every image
     * of its tasks passes through, only forwards the bytes (docs/BENCHMARKS.md).
     */
    // the array is the point: the value passes to the producer uncopied
    @SuppressWarnings("ArrayRecordComponent")
    record Denoised(InputRecord input, Reconstruction reconstruction, byte[] value) implements FlushOutcome {
        public Denoised {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(reconstruction, "reconstruction");
            Objects.requireNonNull(value, "value");
        }
    }

    record DeadLettered(InputRecord input, DeadLetter deadLetter) implements FlushOutcome {
        public DeadLettered {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }
}
