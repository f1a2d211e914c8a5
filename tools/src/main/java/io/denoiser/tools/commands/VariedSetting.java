package io.denoiser.tools.commands;

import io.denoiser.stream.config.StreamAppConfigDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code bench --vary KEY=V1,V2,...}: the values of one app setting that the run compares, one variant each. */
final class VariedSetting {

    /** Settings with options of their own, which already make variants. */
    private static final Map<String, String> OWN_OPTIONS = Map.of(
            StreamAppConfigDef.MODEL_RUNTIME_CONFIG, "--runtime",
            StreamAppConfigDef.MAX_BATCH_SIZE_CONFIG, "--max-batch-size",
            StreamAppConfigDef.MAX_BATCH_DELAY_MS_CONFIG, "--max-batch-delay-ms");

    private VariedSetting() {}

    /**
     * The settings of each variant: one map per value, in the order given; a single empty map when nothing varies.
     *
     * @param option the option's text, {@code null} when not given
     * @throws IllegalArgumentException when it is not {@code KEY=V1,V2,...} with distinct, non-empty values, or
     *                                  names a setting that has an option of its own
     */
    static List<Map<String, String>> parse(String option) {
        if (option == null) {
            return List.of(Map.of());
        }
        int equals = option.indexOf('=');
        String key = equals < 0 ? "" : option.substring(0, equals).trim();
        if (key.isEmpty()) {
            throw new IllegalArgumentException(
                    "--vary takes KEY=V1,V2,... (e.g. preferred.batch.size=8,16), not '" + option + "'");
        }
        if (OWN_OPTIONS.containsKey(key)) {
            throw new IllegalArgumentException(
                    "--vary " + key + ": use " + OWN_OPTIONS.get(key) + ", which takes a list of values itself");
        }
        Set<String> values = new LinkedHashSet<>();
        for (String value : option.substring(equals + 1).split(",", -1)) {
            String trimmed = value.trim();
            if (trimmed.isEmpty() || !values.add(trimmed)) {
                throw new IllegalArgumentException("--vary " + key
                        + ": the values must be distinct and not empty, got '" + option.substring(equals + 1) + "'");
            }
        }
        List<Map<String, String>> settings = new ArrayList<>();
        for (String value : values) {
            settings.add(Map.of(key, value));
        }
        return settings;
    }
}
