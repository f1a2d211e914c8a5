package io.denoiser.model.noise;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A kind of noise and its strength, written {@code kind:amount} (e.g. {@code gaussian:0.5}).
 * Every kind clips the result into [0, 1].
 *
 * <ul>
 *   <li>{@code gaussian:f}: {@code x + f·N(0,1)}, the noise the default model is trained with.
 *   <li>{@code salt-pepper:p}: each pixel independently becomes 0 or 1 (equally likely) with probability p.
 *   <li>{@code speckle:f}: {@code x + x·f·N(0,1)}, multiplicative.
 *   <li>{@code none:0}: the clean image.
 * </ul>
 */
public record NoiseSpec(Kind kind, double amount) {

    public enum Kind {
        GAUSSIAN("gaussian"),
        SALT_PEPPER("salt-pepper"),
        SPECKLE("speckle"),
        NONE("none");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        static Kind parse(String text) {
            for (Kind kind : values()) {
                if (kind.label.equals(text.toLowerCase(Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException(
                    "unknown noise kind '" + text + "': use gaussian, salt-pepper, speckle or none");
        }
    }

    public static final NoiseSpec DEFAULT = new NoiseSpec(Kind.GAUSSIAN, 0.5);

    public NoiseSpec {
        if (kind == null) {
            throw new IllegalArgumentException("noise kind is required");
        }
        if (!(amount >= 0) || Double.isInfinite(amount)) {
            throw new IllegalArgumentException("noise amount must be a finite number >= 0, got " + amount);
        }
        if (kind == Kind.SALT_PEPPER && amount > 1) {
            throw new IllegalArgumentException("salt-pepper amount is a probability in [0, 1], got " + amount);
        }
    }

    /** Parses {@code kind:amount}, e.g. {@code gaussian:0.5}; {@code none} needs no amount. */
    @JsonCreator
    public static NoiseSpec parse(String text) {
        String[] parts = text.trim().split(":", 2);
        Kind kind = Kind.parse(parts[0]);
        if (parts.length == 1) {
            if (kind == Kind.NONE) {
                return new NoiseSpec(kind, 0);
            }
            throw new IllegalArgumentException("noise '" + text + "' needs an amount, e.g. " + kind.label + ":0.5");
        }
        try {
            return new NoiseSpec(kind, Double.parseDouble(parts[1]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("noise amount '" + parts[1] + "' is not a number", e);
        }
    }

    /** Writes noisy versions of {@code length} pixels from {@code clean[from..]} into {@code noisy[to..]}. */
    public void apply(float[] clean, int from, float[] noisy, int to, int length, SplittableRandom random) {
        for (int i = 0; i < length; i++) {
            float x = clean[from + i];
            noisy[to + i] = clip(noisyPixel(x, random));
        }
    }

    public float[] apply(float[] clean, SplittableRandom random) {
        float[] noisy = new float[clean.length];
        apply(clean, 0, noisy, 0, clean.length, random);
        return noisy;
    }

    private float noisyPixel(float x, SplittableRandom random) {
        return switch (kind) {
            case GAUSSIAN -> (float) (x + amount * Gaussian.next(random));
            case SPECKLE -> (float) (x + x * amount * Gaussian.next(random));
            case SALT_PEPPER -> random.nextDouble() < amount ? (random.nextBoolean() ? 1f : 0f) : x;
            case NONE -> x;
        };
    }

    private static float clip(float x) {
        return x < 0f ? 0f : Math.min(x, 1f);
    }

    /** The {@code kind:amount} form that {@link #parse} reads; also the JSON form. */
    @JsonValue
    @Override
    public String toString() {
        return kind.label + ":" + amount;
    }
}
