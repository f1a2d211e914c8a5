package io.denoiser.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.denoiser.schemas.fixtures.JsonSchemas;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.RecordSchema;
import io.denoiser.schemas.records.Required;
import io.denoiser.schemas.validation.ReasonCode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The JSON Schemas are the single source of truth: each record must declare the same fields, with the same
 * requiredness and compatible types, and the enums must list the same values; fields that hold a record of
 * their own (a {@code $ref} to the schema's {@code $defs}) agree in the same way.
 */
class SchemaRecordAgreementTest {

    /** The record's components by their JSON name. */
    private static Map<String, RecordComponent> components(RecordSchema schema) {
        return components(schema.recordType());
    }

    private static Map<String, RecordComponent> components(Class<?> recordType) {
        Map<String, RecordComponent> byJsonName = new LinkedHashMap<>();
        for (RecordComponent component : recordType.getRecordComponents()) {
            byJsonName.put(jsonName(component), component);
        }
        return byJsonName;
    }

    /** Each component whose type is a record of its own, with the schema object it refers to in {@code $defs}. */
    private static Map<RecordComponent, JsonNode> nestedRecords(RecordSchema schema) {
        JsonNode tree = JsonSchemas.tree(schema);
        Map<RecordComponent, JsonNode> nested = new LinkedHashMap<>();
        components(schema).forEach((name, component) -> {
            if (component.getType().isRecord()) {
                String reference = tree.at("/properties/" + name + "/$ref").asText();
                assertThat(reference).as("$ref of " + name).startsWith("#/$defs/");
                nested.put(component, tree.at(reference.substring(1)));
            }
        });
        return nested;
    }

    private static String jsonName(RecordComponent component) {
        JsonProperty property = component.getAnnotation(JsonProperty.class);
        return property != null && !property.value().isEmpty() ? property.value() : component.getName();
    }

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** The JSON Schema type that the serde reads into and writes from the Java type. */
    private static String jsonType(Class<?> javaType) {
        if (javaType == int.class || javaType == long.class || javaType == Integer.class || javaType == Long.class) {
            return "integer";
        }
        if (javaType == double.class || javaType == Double.class) {
            return "number";
        }
        if (javaType == String.class || javaType.isEnum()) {
            return "string";
        }
        if (Map.class.isAssignableFrom(javaType) || javaType.isRecord()) {
            return "object";
        }
        throw new AssertionError("no JSON type known for " + javaType);
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldDeclareExactlyTheFieldsOfItsRecord(RecordSchema schema) {
        JsonNode properties = JsonSchemas.tree(schema).get("properties");

        assertThat(names(properties))
                .containsExactlyInAnyOrderElementsOf(components(schema).keySet());
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldRequireExactlyTheComponentsMarkedRequired(RecordSchema schema) {
        List<String> requiredInSchema = texts(JsonSchemas.tree(schema).get("required"));
        List<String> requiredInJava = components(schema).entrySet().stream()
                .filter(entry -> entry.getValue().isAnnotationPresent(Required.class))
                .map(Map.Entry::getKey)
                .toList();

        assertThat(requiredInSchema).containsExactlyInAnyOrderElementsOf(requiredInJava);
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldOnlyUsePrimitivesForRequiredComponentsSinceAbsenceNeedsNull(RecordSchema schema) {
        components(schema).forEach((name, component) -> {
            if (component.getType().isPrimitive()) {
                assertThat(component.isAnnotationPresent(Required.class))
                        .as(name + " is primitive")
                        .isTrue();
            }
        });
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldAllowFieldsOfNewerVersionsSinceReadersIgnoreThem(RecordSchema schema) {
        JsonNode additionalProperties = JsonSchemas.tree(schema).get("additionalProperties");

        assertThat(additionalProperties.isBoolean() && additionalProperties.asBoolean())
                .isTrue();
        nestedRecords(schema)
                .values()
                .forEach(
                        nested -> assertThat(nested.path("additionalProperties").asBoolean(false))
                                .isTrue());
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldDeclareNestedRecordsWithTheirFieldsRequirednessAndTypes(RecordSchema schema) {
        nestedRecords(schema).forEach((component, nested) -> {
            Map<String, RecordComponent> fields = components(component.getType());
            assertThat(names(nested.get("properties")))
                    .as("fields of " + component.getName())
                    .containsExactlyInAnyOrderElementsOf(fields.keySet());
            assertThat(texts(nested.get("required")))
                    .as("required fields of " + component.getName())
                    .containsExactlyInAnyOrderElementsOf(fields.entrySet().stream()
                            .filter(entry -> entry.getValue().isAnnotationPresent(Required.class))
                            .map(Map.Entry::getKey)
                            .toList());
            fields.forEach((name, field) -> assertThat(
                            nested.at("/properties/" + name + "/type").asText())
                    .as("type of " + component.getName() + "." + name)
                    .isEqualTo(jsonType(field.getType())));
        });
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldGiveEachFieldTheJsonTypeOfItsJavaType(RecordSchema schema) {
        JsonNode properties = JsonSchemas.tree(schema).get("properties");

        components(schema)
                .forEach((name, component) -> assertThat(
                                properties.get(name).path("type").asText())
                        .as("type of " + name)
                        .isEqualTo(jsonType(component.getType())));
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldBoundEachIntegerFieldByTheRangeOfItsJavaType(RecordSchema schema) {
        JsonNode properties = JsonSchemas.tree(schema).get("properties");

        components(schema).forEach((name, component) -> {
            Class<?> type = component.getType();
            long javaMaximum = type == int.class || type == Integer.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            JsonNode property = properties.get(name);
            if (property.path("type").asText().equals("integer") && !property.has("enum")) {
                assertThat(property.path("maximum").canConvertToLong())
                        .as("maximum of " + name)
                        .isTrue();
                assertThat(property.path("maximum").asLong())
                        .as("maximum of " + name)
                        .isLessThanOrEqualTo(javaMaximum);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(
            value = RecordSchema.class,
            names = {"NOISY_IMAGE", "RECONSTRUCTION"})
    void shouldListTheWireNamesOfImageEncoding(RecordSchema schema) {
        JsonNode encodings = JsonSchemas.tree(schema).at("/properties/encoding/enum");

        assertThat(texts(encodings))
                .containsExactlyElementsOf(Arrays.stream(ImageEncoding.values())
                        .map(ImageEncoding::wireName)
                        .toList());
    }

    @Test
    void shouldListEveryReasonCodeOfTheDeadLetter() {
        JsonNode reasons = JsonSchemas.tree(RecordSchema.DEAD_LETTER).at("/properties/reason/enum");

        assertThat(texts(reasons))
                .containsExactlyElementsOf(
                        Arrays.stream(ReasonCode.values()).map(ReasonCode::name).toList());
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldCarryTheIdAndVersionOfItsFile(RecordSchema schema) {
        JsonNode tree = JsonSchemas.tree(schema);

        assertThat(tree.get("$id").asText()).isEqualTo(schema.id());
        assertThat(tree.get("version").asInt()).isEqualTo(schema.version());
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldBeAValidDraft2020Dash12Schema(RecordSchema schema) {
        assertThat(JsonSchemas.tree(schema).get("$schema").asText())
                .isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(JsonSchemas.metaSchemaViolations(schema)).isEmpty();
    }
}
