package io.denoiser.schemas.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReasonCodeTest {

    @ParameterizedTest
    @EnumSource(ReasonCode.class)
    void shouldDescribeItselfInOneLine(ReasonCode code) {
        assertThat(code.description()).isNotBlank().doesNotContain("\n").doesNotContain("|");
    }

    @Test
    void shouldAttributeOnlyInferenceProcessingAndBufferFailuresToTheAppRatherThanTheInput() {
        assertThat(ReasonCode.values())
                .filteredOn(code -> !code.causedByInput())
                .containsExactly(
                        ReasonCode.INFERENCE_FAILED, ReasonCode.UNREADABLE_BUFFER_ENTRY, ReasonCode.PROCESSING_FAILED);
    }
}
