package io.denoiser.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidRecordExceptionTest {

    @Test
    void shouldHaveNoFieldWhenTheWholeRecordIsAtFault() {
        InvalidRecordException rejection = new InvalidRecordException(ReasonCode.MALFORMED_JSON, null, "empty");

        assertThat(rejection.field()).isEmpty();
    }

    @Test
    void shouldReportSchemaViolationsOfOneField() {
        InvalidRecordException rejection = InvalidRecordException.schemaViolation("width", "width is required");

        assertThat(rejection.reason()).isEqualTo(ReasonCode.SCHEMA_VIOLATION);
        assertThat(rejection.field()).contains("width");
        assertThat(rejection.getMessage()).isEqualTo("width is required");
    }
}
