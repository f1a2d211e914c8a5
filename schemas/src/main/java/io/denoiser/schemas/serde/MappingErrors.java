package io.denoiser.schemas.serde;

import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Rewrites Jackson's binding errors as schema violations that name the field in the JSON's own terms
 * ({@code width must be an integer, got "4"}) instead of Java's. The tree the record was bound from supplies
 * the offending value.
 */
final class MappingErrors {

    private static final int MAX_SHOWN_VALUE_LENGTH = 40;

    /** The field at fault ({@code null} when none) and a message starting with it. */
    record Violation(String field, String message) {}

    private MappingErrors() {}

    static Violation describe(JsonMappingException e, JsonNode tree) {
        List<JsonMappingException.Reference> path = e.getPath();
        if (path.isEmpty()) {
            return new Violation(null, e.getOriginalMessage());
        }
        String field = fieldPath(path);
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new Violation(
                    field,
                    named(field) + " is not a known field; known fields are "
                            + unknown.getKnownPropertyIds().stream()
                                    .map(String::valueOf)
                                    .sorted()
                                    .toList());
        }
        JsonNode value = valueAt(tree, path);
        if (value.isMissingNode()) {
            return new Violation(field, field + " is required but missing");
        }
        return new Violation(field, field + " must be " + expectedValue(e, value) + ", got " + shown(value));
    }

    /** A field's name as messages show it: the name, or {@code ""} for the empty name JSON allows. */
    static String named(String field) {
        return field.isEmpty() ? "\"\"" : field;
    }

    /** What a JSON value is, for messages: {@code an array}, {@code a string}, ... */
    static String describeType(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING, BINARY -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case MISSING -> "nothing";
        };
    }

    private static String fieldPath(List<JsonMappingException.Reference> path) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference reference : path) {
            if (reference.getFieldName() != null) {
                field.append(field.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    private static JsonNode valueAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference reference : path) {
            node = reference.getFieldName() != null
                    ? node.path(reference.getFieldName())
                    : node.path(reference.getIndex());
        }
        return node;
    }

    private static String expectedValue(JsonMappingException e, JsonNode value) {
        Class<?> target = targetType(e);
        if (target == null) {
            return "valid (" + e.getOriginalMessage() + ")";
        }
        if (target == int.class || target == Integer.class) {
            return value.isIntegralNumber() ? "an integer within 32 bits" : "an integer";
        }
        if (target == long.class || target == Long.class) {
            return value.isIntegralNumber() ? "an integer within 64 bits" : "an integer";
        }
        if (target == double.class || target == Double.class) {
            return "a number";
        }
        if (target == String.class) {
            return "a string";
        }
        if (Map.class.isAssignableFrom(target)) {
            return "an object";
        }
        if (target.isEnum()) {
            return "one of " + wireValues(target);
        }
        return "a valid " + target.getSimpleName();
    }

    private static Class<?> targetType(JsonMappingException e) {
        if (e instanceof MismatchedInputException mismatch) {
            return mismatch.getTargetType();
        }
        if (e.getCause() instanceof InputCoercionException coercion) {
            return coercion.getTargetType();
        }
        return null;
    }

    /** The enum's values as they appear in JSON, which may differ from the constant names. */
    private static String wireValues(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(constant -> RecordJson.MAPPER.valueToTree(constant).asText())
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String shown(JsonNode value) {
        String json = value.toString();
        return json.length() <= MAX_SHOWN_VALUE_LENGTH ? json : json.substring(0, MAX_SHOWN_VALUE_LENGTH) + "...";
    }
}
