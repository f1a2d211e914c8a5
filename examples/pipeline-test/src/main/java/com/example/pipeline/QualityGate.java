package com.example.pipeline;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * A user's pipeline after the denoiser: flags each reconstruction whose PSNR against its clean reference is
 * below a threshold, so a person can look at the images the model could not restore. Reads the denoiser's
 * output topic; writes the id and the PSNR of each flagged image to its own topic.
 */
public final class QualityGate {

    private QualityGate() {}

    public static Topology build(String reconstructions, String flagged, double minPsnrDb) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(reconstructions, Consumed.with(Serdes.String(), RecordSerdes.reconstruction()))
                .filter((id, image) -> image.psnr() != null && image.psnr() < minPsnrDb)
                .mapValues(QualityGate::describe)
                .to(flagged, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static String describe(Reconstruction image) {
        return String.format(Locale.ROOT, "%s: PSNR %.2f dB", image.id(), image.psnr());
    }
}
