package io.denoiser.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.denoiser.schemas.fixtures.ExampleFiles;
import io.denoiser.schemas.fixtures.ExampleFiles.ValidExample;
import io.denoiser.schemas.fixtures.Json;
import io.denoiser.schemas.fixtures.JsonSchemas;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.RecordSchema;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The module's README documents the contract; these checks keep it from drifting away from the code. */
class ReadmeTest {

    private static final Pattern REASON_ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (.+) \\|$");
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern KEYED_LINE = Pattern.compile("^([^\\s|{]+)\\|(\\{.*\\})$", Pattern.MULTILINE);

    private static String readme;

    @BeforeAll
    static void readReadme() throws IOException {
        // surefire runs in the module's directory
        readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    }

    private static List<JsonNode> jsonBlocks() {
        List<JsonNode> blocks = new ArrayList<>();
        Matcher block = JSON_BLOCK.matcher(readme);
        while (block.find()) {
            blocks.add(Json.tree(block.group(1)));
        }
        return blocks;
    }

    private static Optional<ValidExample> validExampleEqualTo(JsonNode json) {
        return ExampleFiles.valid().stream()
                .filter(example -> Json.tree(example.bytes()).equals(json))
                .findFirst();
    }

    @Test
    void shouldListEveryReasonCodeWithTheDescriptionOfTheEnum() {
        Map<String, String> table = new LinkedHashMap<>();
        readme.lines()
                .map(REASON_ROW::matcher)
                .filter(Matcher::matches)
                .forEach(row -> table.put(row.group(1), row.group(2)));

        Map<String, String> codes = Arrays.stream(ReasonCode.values())
                .collect(Collectors.toMap(ReasonCode::name, ReasonCode::description, (a, b) -> a, LinkedHashMap::new));

        assertThat(table).containsExactlyEntriesOf(codes);
    }

    @Test
    void shouldShowOnlyRecordsThatAreValidExamples() {
        assertThat(jsonBlocks())
                .isNotEmpty()
                .allSatisfy(json -> assertThat(validExampleEqualTo(json))
                        .as("valid example equal to %s", json)
                        .isPresent());
    }

    @Test
    void shouldShowARecordOfEveryType() {
        List<RecordSchema> shown = jsonBlocks().stream()
                .map(ReadmeTest::validExampleEqualTo)
                .flatMap(Optional::stream)
                .map(ValidExample::schema)
                .toList();

        assertThat(shown).contains(RecordSchema.values());
    }

    @Test
    void shouldShowConsoleProducerLinesWhoseKeyIsTheIdOfAValidNoisyImage() {
        Matcher line = KEYED_LINE.matcher(readme);
        int lines = 0;
        while (line.find()) {
            NoisyImage image = RecordSerdes.noisyImage()
                    .deserializer()
                    .deserialize("images.noisy", line.group(2).getBytes(StandardCharsets.UTF_8));
            assertThat(image.id()).isEqualTo(line.group(1));
            lines++;
        }
        assertThat(lines).isPositive();
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldDescribeEveryFieldOfEverySchemaInATable(RecordSchema schema) {
        JsonSchemas.tree(schema)
                .get("properties")
                .properties()
                .forEach(property -> assertThat(readme).contains("| `" + property.getKey() + "` |"));
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldNameEverySchemaFile(RecordSchema schema) {
        assertThat(readme).contains(schema.fileName());
    }

    @Test
    void shouldStateTheDefaultLimits() {
        RecordLimits defaults = RecordLimits.defaults();

        assertThat(readme)
                .contains(
                        String.valueOf(defaults.maxWidth()),
                        String.valueOf(defaults.maxHeight()),
                        String.valueOf(defaults.maxEncodedBytes()));
    }
}
