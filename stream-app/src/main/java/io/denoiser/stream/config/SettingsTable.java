package io.denoiser.stream.config;

import org.apache.kafka.common.config.ConfigDef;

/** Renders the app's settings as a Markdown table: key, environment variable, default, valid values, meaning. */
final class SettingsTable {

    private SettingsTable() {}

    static String markdown(ConfigDef definition) {
        StringBuilder table = new StringBuilder()
                .append("| key | environment variable | default | valid values | meaning |\n")
                .append("|---|---|---|---|---|\n");
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            table.append("| `")
                    .append(key.name)
                    .append("` | `")
                    .append(StreamAppConfigDef.environmentVariable(key.name))
                    .append("` | ")
                    .append(defaultOf(key))
                    .append(" | ")
                    .append(key.validator == null ? "" : cell(key.validator.toString()))
                    .append(" | ")
                    .append(cell(key.documentation))
                    .append(" |\n");
        }
        return table.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        return "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    /** A pipe would end the cell early. */
    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
