package io.denoiser.schemas.serde;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a record from UTF-8 JSON in two steps, so that each failure gets the right code: parsing into a tree
 * ({@link ReasonCode#MALFORMED_JSON}), then binding the tree to the record, whose constructor validates
 * ({@link ReasonCode#SCHEMA_VIOLATION}). {@code null} stays {@code null}. Every failure is an
 * {@link InvalidRecordException} whose message names the record type and, when one is at fault, the field.
 * Top-level fields the type does not know are ignored, whatever their value, or rejected, as its
 * {@link UnknownFields} policy says; {@link #read} tells which were ignored. Thread-safe.
 */
public final class JsonRecordDeserializer<T extends Record> implements Deserializer<T> {

    private final Class<T> type;
    private final UnknownFields unknownFields;
    private final Set<String> knownFields;
    private final ObjectReader reader;

    /** A reader that ignores unknown fields (forward compatibility). */
    public JsonRecordDeserializer(Class<T> type) {
        this(type, UnknownFields.IGNORE);
    }

    public JsonRecordDeserializer(Class<T> type, UnknownFields unknownFields) {
        this.type = type;
        this.unknownFields = Objects.requireNonNull(unknownFields, "unknownFields");
        this.knownFields = jsonNames(type);
        ObjectReader strict = RecordJson.MAPPER.readerFor(type);
        this.reader = unknownFields == UnknownFields.IGNORE
                ? strict.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                : strict;
    }

    @Override
    public T deserialize(String topic, byte[] json) {
        if (json == null) {
            return null;
        }
        return read(json).record();
    }

    /**
     * Reads one record and names the unknown fields it ignored.
     *
     * @param json UTF-8 JSON, not {@code null}
     * @throws InvalidRecordException with MALFORMED_JSON or SCHEMA_VIOLATION
     */
    public JsonReading<T> read(byte[] json) {
        JsonNode tree = parse(Objects.requireNonNull(json, "json"));
        List<String> ignored = ignoredFields(tree);
        return new JsonReading<>(bind(tree, ignored), ignored);
    }

    private List<String> ignoredFields(JsonNode tree) {
        if (unknownFields == UnknownFields.REJECT || !tree.isObject()) {
            return List.of();
        }
        List<String> ignored = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : tree.properties()) {
            if (!knownFields.contains(property.getKey())) {
                ignored.add(property.getKey());
            }
        }
        return ignored;
    }

    private JsonNode parse(byte[] json) {
        JsonNode tree;
        try {
            tree = RecordJson.MAPPER.readTree(json);
        } catch (MismatchedInputException e) {
            // the one mismatch a tree cannot have but FAIL_ON_TRAILING_TOKENS raises
            throw failure(ReasonCode.MALFORMED_JSON, null, "content follows the JSON value" + location(e), e);
        } catch (IOException e) {
            throw failure(
                    ReasonCode.MALFORMED_JSON, null, "not well-formed JSON: " + originalMessage(e) + location(e), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw failure(ReasonCode.MALFORMED_JSON, null, "the value is empty", null);
        }
        return tree;
    }

    private T bind(JsonNode tree, List<String> ignored) {
        requireObjectWithoutNulls(tree, ignored);
        try {
            return reader.readValue(tree);
        } catch (ValueInstantiationException e) {
            throw rejectedByConstructor(e);
        } catch (JsonMappingException e) {
            MappingErrors.Violation violation = MappingErrors.describe(e, tree);
            throw failure(ReasonCode.SCHEMA_VIOLATION, violation.field(), violation.message(), e);
        } catch (IOException e) {
            throw failure(ReasonCode.SCHEMA_VIOLATION, null, originalMessage(e), e);
        }
    }

    /** JSON null is never a valid value: optional fields are left out instead. Ignored fields may hold anything. */
    private void requireObjectWithoutNulls(JsonNode tree, List<String> ignored) {
        if (!tree.isObject()) {
            throw failure(
                    ReasonCode.SCHEMA_VIOLATION,
                    null,
                    "the value must be a JSON object, got " + MappingErrors.describeType(tree),
                    null);
        }
        for (Map.Entry<String, JsonNode> property : tree.properties()) {
            if (property.getValue().isNull() && !ignored.contains(property.getKey())) {
                String field = property.getKey();
                throw failure(
                        ReasonCode.SCHEMA_VIOLATION,
                        field,
                        MappingErrors.named(field) + " is null; leave optional fields out instead of sending null",
                        null);
            }
        }
    }

    private InvalidRecordException rejectedByConstructor(ValueInstantiationException e) {
        if (e.getCause() instanceof InvalidRecordException rejection) {
            return failure(rejection.reason(), rejection.field().orElse(null), rejection.getMessage(), rejection);
        }
        return failure(ReasonCode.SCHEMA_VIOLATION, null, originalMessage(e), e);
    }

    private InvalidRecordException failure(ReasonCode reason, String field, String detail, Throwable cause) {
        return new InvalidRecordException(reason, field, "cannot read " + type.getSimpleName() + ": " + detail, cause);
    }

    /** The JSON names of the record's components: their {@code @JsonProperty} names, else their own. */
    private static Set<String> jsonNames(Class<? extends Record> type) {
        Set<String> names = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            JsonProperty property = component.getAnnotation(JsonProperty.class);
            names.add(property != null && !property.value().isEmpty() ? property.value() : component.getName());
        }
        return Set.copyOf(names);
    }

    private static String location(IOException e) {
        if (e instanceof JsonProcessingException jackson && jackson.getLocation() != null) {
            JsonLocation location = jackson.getLocation();
            return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return "";
    }

    private static String originalMessage(IOException e) {
        return e instanceof JsonProcessingException jackson ? jackson.getOriginalMessage() : e.getMessage();
    }
}
