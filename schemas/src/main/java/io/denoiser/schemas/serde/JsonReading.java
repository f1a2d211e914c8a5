package io.denoiser.schemas.serde;

import java.util.List;
import java.util.Objects;

/**
 * A record as read from JSON, with the names of the top-level fields that were ignored because its type does
 * not know them (always empty under {@link UnknownFields#REJECT}).
 *
 * @param record        the record
 * @param ignoredFields unknown top-level field names, in document order
 */
public record JsonReading<T extends Record>(T record, List<String> ignoredFields) {

    public JsonReading {
        Objects.requireNonNull(record, "record");
        ignoredFields = List.copyOf(ignoredFields);
    }

    public boolean hasIgnoredFields() {
        return !ignoredFields.isEmpty();
    }
}
