package io.denoiser.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.denoiser.schemas.fixtures.ExampleFiles;
import io.denoiser.schemas.fixtures.ExampleFiles.ValidExample;
import io.denoiser.schemas.fixtures.Json;
import io.denoiser.schemas.fixtures.JsonSchemas;
import io.denoiser.schemas.records.RecordSchema;
import io.denoiser.schemas.serde.JsonRecordSerde;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java accepts a record exactly when its JSON Schema does. Each valid example is changed one field at a time,
 * in every way the field's schema keywords suggest: left out, null, another type, just past and exactly at
 * each bound, outside and at each value of an enum. The serde's verdict is compared with the schema's. When
 * Java rejects, it must name the changed field, or a field the schema makes depend on it.
 */
class SchemaConstraintAgreementTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One valid example with one field changed. */
    record Mutation(ValidExample example, String field, String change, JsonNode json) {

        @Override
        public String toString() {
            return example + ": " + field + " " + change;
        }
    }

    static Stream<Mutation> mutations() {
        return ExampleFiles.valid().stream().flatMap(SchemaConstraintAgreementTest::mutationsOf);
    }

    private static Stream<Mutation> mutationsOf(ValidExample example) {
        ObjectNode original = Json.object(example.bytes());
        JsonNode properties = JsonSchemas.tree(example.schema()).get("properties");
        List<Mutation> mutations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String field = property.getKey();
            if (original.has(field)) {
                ObjectNode without = original.deepCopy();
                without.remove(field);
                mutations.add(new Mutation(example, field, "left out", without));
            }
            changedValues(property.getValue()).forEach((change, value) -> {
                ObjectNode changed = original.deepCopy();
                changed.set(field, value);
                mutations.add(new Mutation(example, field, change, changed));
            });
        }
        return mutations.stream();
    }

    /** Values that the property's keywords single out, by a description of the change. */
    private static Map<String, JsonNode> changedValues(JsonNode property) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        String type = property.path("type").asText();
        values.put("set to null", NODES.nullNode());
        values.put("of another type", type.equals("string") ? NODES.numberNode(12345) : NODES.textNode("text"));
        if (type.equals("integer")) {
            values.put("with a fraction", NODES.numberNode(1.5));
        }
        if (property.has("minimum")) {
            JsonNode minimum = property.get("minimum");
            values.put("at its minimum", minimum);
            values.put(
                    "below its minimum",
                    type.equals("integer")
                            ? NODES.numberNode(minimum.bigIntegerValue().subtract(BigInteger.ONE))
                            : NODES.numberNode(minimum.asDouble() - 0.5));
        }
        if (property.has("maximum")) {
            JsonNode maximum = property.get("maximum");
            values.put("at its maximum", maximum);
            values.put(
                    "above its maximum",
                    type.equals("integer")
                            ? NODES.numberNode(maximum.bigIntegerValue().add(BigInteger.ONE))
                            : NODES.numberNode(maximum.asDouble() + 0.5));
        }
        if (property.has("minLength")) {
            int minLength = property.get("minLength").asInt();
            values.put("at its minimum length", NODES.textNode("x".repeat(minLength)));
            if (minLength > 0) {
                values.put("shorter than its minimum length", NODES.textNode("x".repeat(minLength - 1)));
            }
        }
        if (property.has("maxLength")) {
            int maxLength = property.get("maxLength").asInt();
            values.put("at its maximum length", NODES.textNode("x".repeat(maxLength)));
            values.put("longer than its maximum length", NODES.textNode("x".repeat(maxLength + 1)));
        }
        if (property.has("enum")) {
            property.get("enum").forEach(allowed -> values.put("set to " + allowed, allowed));
            values.put(
                    "outside its enum",
                    type.equals("integer")
                            ? NODES.numberNode(maxOf(property.get("enum")) + 1)
                            : NODES.textNode("UNKNOWN-VALUE"));
        }
        if (property.path("additionalProperties").path("type").asText().equals("string")) {
            values.put("with a number entry", NODES.objectNode().put("entry", 7));
        }
        return values;
    }

    private static long maxOf(JsonNode integers) {
        long max = Long.MIN_VALUE;
        for (JsonNode value : integers) {
            max = Math.max(max, value.asLong());
        }
        return max;
    }

    private static Throwable javaVerdict(RecordSchema schema, JsonNode json) {
        JsonRecordSerde<? extends Record> serde = new JsonRecordSerde<>(schema.recordType());
        return catchThrowable(() -> serde.deserializer().deserialize("examples", Json.bytes(json)));
    }

    @ParameterizedTest
    @MethodSource("mutations")
    void shouldAcceptTheMutatedExampleExactlyWhenTheJsonSchemaDoes(Mutation mutation) {
        RecordSchema schema = mutation.example().schema();
        List<String> schemaViolations =
                JsonSchemas.violations(schema, new String(Json.bytes(mutation.json()), StandardCharsets.UTF_8));

        Throwable rejection = javaVerdict(schema, mutation.json());

        assertThat(rejection == null)
                .as("Java accepts while the schema reports %s", schemaViolations)
                .isEqualTo(schemaViolations.isEmpty());
        if (rejection != null) {
            List<String> blamable = blamableFields(schema, mutation.field());
            assertThat(rejection).isInstanceOfSatisfying(InvalidRecordException.class, invalid -> {
                assertThat(invalid.reason()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
                assertThat(invalid.field())
                        .hasValueSatisfying(field -> assertThat(blamable)
                                .anySatisfy(candidate -> assertThat(field).startsWith(candidate)));
            });
        }
    }

    /** The changed field, and the fields that the schema's {@code dependentRequired} ties to it. */
    private static List<String> blamableFields(RecordSchema schema, String field) {
        List<String> fields = new ArrayList<>(List.of(field));
        JsonSchemas.tree(schema)
                .path("dependentRequired")
                .path(field)
                .forEach(dependent -> fields.add(dependent.asText()));
        return fields;
    }
}
