package io.denoiser.schemas.serde;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;

/**
 * The serdes of the three topics' values; their readers ignore unknown fields unless told otherwise. Each call
 * returns a new, independent serde.
 */
public final class RecordSerdes {

    private RecordSerdes() {}

    public static JsonRecordSerde<NoisyImage> noisyImage() {
        return new JsonRecordSerde<>(NoisyImage.class);
    }

    public static JsonRecordSerde<NoisyImage> noisyImage(UnknownFields unknownFields) {
        return new JsonRecordSerde<>(NoisyImage.class, unknownFields);
    }

    public static JsonRecordSerde<Reconstruction> reconstruction() {
        return new JsonRecordSerde<>(Reconstruction.class);
    }

    public static JsonRecordSerde<DeadLetter> deadLetter() {
        return new JsonRecordSerde<>(DeadLetter.class);
    }
}
