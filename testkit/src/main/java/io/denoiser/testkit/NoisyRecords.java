package io.denoiser.testkit;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import java.util.SplittableRandom;

/**
 * Turns clean images into noisy-image records: noise added (image {@code i} gets noise from its own
 * seeded generator, so a run is reproducible image by image), raw 8-bit grey levels, and the clean
 * image as {@code reference} whenever noise was added, so the app can score its reconstruction.
 */
public final class NoisyRecords {

    private final NoiseSpec noise;
    private final long seed;
    private final boolean references;

    public NoisyRecords(NoiseSpec noise, long seed) {
        this(noise, seed, true);
    }

    /**
     * @param references whether records carry the clean image as their {@link NoisyImage#reference() reference}
     *     when noise was added
     */
    public NoisyRecords(NoiseSpec noise, long seed, boolean references) {
        this.noise = noise;
        this.seed = seed;
        this.references = references;
    }

    /** The noisy version of the {@code index}-th image published. */
    public GrayImage noisy(SourceImage source, int index) {
        if (addsNoise()) {
            return new GrayImage(
                    source.image().width(),
                    source.image().height(),
                    noise.apply(source.image().pixels(), new SplittableRandom(seed + index)));
        }
        return source.image();
    }

    /**
     * The record for the {@code index}-th image published.
     *
     * @param timestampMillis its timestamp, or null to leave it to the Kafka record's
     */
    public NoisyImage record(SourceImage source, int index, Long timestampMillis) {
        GrayImage clean = source.image();
        return new NoisyImage(
                source.id(),
                clean.width(),
                clean.height(),
                1,
                ImageEncoding.RAW_U8,
                rawU8(noisy(source, index)),
                timestampMillis,
                addsNoise() && references ? rawU8(clean) : null,
                null);
    }

    public boolean addsNoise() {
        return noise.kind() != NoiseSpec.Kind.NONE;
    }

    public NoiseSpec noise() {
        return noise;
    }

    private static String rawU8(GrayImage image) {
        return ImageEncoder.encode(
                new DecodedImage(image.width(), image.height(), image.toBytes()), ImageEncoding.RAW_U8);
    }
}
