package io.denoiser.schemas.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class RecordSchemaTest {

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldBeFoundByItsRecordType(RecordSchema schema) {
        assertThat(RecordSchema.of(schema.recordType())).isSameAs(schema);
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldShipItsSchemaFileOnTheClasspath(RecordSchema schema) throws IOException {
        try (InputStream file = schema.openSchema()) {
            assertThat(file.readAllBytes()).isNotEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(RecordSchema.class)
    void shouldIdentifyItselfByItsVersionedFileName(RecordSchema schema) {
        assertThat(schema.fileName()).startsWith(schema.schemaName()).contains(".v" + schema.version() + ".");
        assertThat(schema.id()).endsWith("/" + schema.fileName());
        assertThat(schema.resourcePath()).endsWith("/" + schema.fileName());
    }

    @Test
    void shouldRefuseATypeWithoutSchema() {
        assertThatThrownBy(() -> RecordSchema.of(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.class.getName());
    }
}
