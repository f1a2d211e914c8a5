package io.denoiser.stream.inference;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.source.InputRecord;
import java.util.Objects;

/** What a flushed image becomes: a reconstruction for the output topic, or a dead letter. */
public sealed interface FlushOutcome {

    /** The image as it arrived; the outcome is published with its key and timestamp. */
    InputRecord input();

    record Denoised(InputRecord input, Reconstruction reconstruction) implements FlushOutcome {
        public Denoised {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(reconstruction, "reconstruction");
        }
    }

    record DeadLettered(InputRecord input, DeadLetter deadLetter) implements FlushOutcome {
        public DeadLettered {
            Objects.requireNonNull(input, "input");
            Objects.requireNonNull(deadLetter, "deadLetter");
        }
    }
}
