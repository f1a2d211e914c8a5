package io.denoiser.schemas.validation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The schema constraints that record constructors enforce, each failing with
 * {@link ReasonCode#SCHEMA_VIOLATION} and a message that starts with the field's name. They mirror the
 * JSON Schemas' keywords ({@code minLength}, {@code minimum}, ...), so that Java and the schemas reject the
 * same values.
 */
public final class FieldChecks {

    private FieldChecks() {}

    public static <T> T requirePresent(T value, String field) {
        if (value == null) {
            throw InvalidRecordException.schemaViolation(field, field + " is required");
        }
        return value;
    }

    /** A required string of {@code minLength} 1. */
    public static String requireNonEmpty(String value, String field) {
        requirePresent(value, field);
        if (value.isEmpty()) {
            throw InvalidRecordException.schemaViolation(field, field + " must not be empty");
        }
        return value;
    }

    /** A required string of at least one character and at most {@code maxLength}. */
    public static String requireNonEmpty(String value, int maxLength, String field) {
        requireNonEmpty(value, field);
        if (value.length() > maxLength) {
            throw InvalidRecordException.schemaViolation(
                    field, field + " must be at most " + maxLength + " characters long, got " + value.length());
        }
        return value;
    }

    /** An optional string: absent, or of {@code minLength} 1. */
    public static String requireNonEmptyIfPresent(String value, String field) {
        return value == null ? null : requireNonEmpty(value, field);
    }

    public static long requireAtLeast(long value, long minimum, String field) {
        if (value < minimum) {
            throw InvalidRecordException.schemaViolation(
                    field, field + " must be at least " + minimum + ", got " + value);
        }
        return value;
    }

    public static int requireAtLeast(int value, int minimum, String field) {
        return (int) requireAtLeast((long) value, minimum, field);
    }

    public static Long requireAtLeastIfPresent(Long value, long minimum, String field) {
        return value == null ? null : requireAtLeast(value.longValue(), minimum, field);
    }

    /** An optional finite number in {@code [minimum, maximum]}. */
    public static Double requireBetweenIfPresent(Double value, double minimum, double maximum, String field) {
        if (value != null && !(value >= minimum && value <= maximum)) {
            throw InvalidRecordException.schemaViolation(
                    field, field + " must be between " + minimum + " and " + maximum + ", got " + value);
        }
        return value;
    }

    /** An optional finite number of at least {@code minimum} (JSON has no infinity). */
    public static Double requireFiniteAtLeastIfPresent(Double value, double minimum, String field) {
        if (value != null && !(value >= minimum && Double.isFinite(value))) {
            throw InvalidRecordException.schemaViolation(
                    field, field + " must be a finite number of at least " + minimum + ", got " + value);
        }
        return value;
    }

    /** An optional map of strings to strings; returns an unmodifiable copy that keeps the order. */
    public static Map<String, String> requireStringMapIfPresent(Map<String, String> value, String field) {
        if (value == null) {
            return null;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        value.forEach((key, entry) -> {
            if (key == null || entry == null) {
                String entryField = field + "." + key;
                throw InvalidRecordException.schemaViolation(entryField, entryField + " must be a string, got null");
            }
            copy.put(key, entry);
        });
        return Collections.unmodifiableMap(copy);
    }
}
