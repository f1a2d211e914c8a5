package io.denoiser.schemas.serde;

import java.util.Locale;

/**
 * What a reader does with top-level fields its record type does not know. {@link #IGNORE}, the default, is
 * forward compatibility: a producer or app that is a version ahead may add fields, and readers that upgrade
 * later still read its records. {@link #REJECT} is strict: an unknown field is a SCHEMA_VIOLATION naming it.
 */
public enum UnknownFields {
    IGNORE,
    REJECT;

    /** The name in settings: {@code ignore} or {@code reject}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy of a setting's value, {@code ignore} or {@code reject}. */
    public static UnknownFields fromConfigName(String name) {
        for (UnknownFields policy : values()) {
            if (policy.configName().equals(name)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown-fields policy must be ignore or reject, got " + name);
    }
}
