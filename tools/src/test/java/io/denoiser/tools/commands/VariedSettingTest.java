package io.denoiser.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariedSettingTest {

    @Test
    void shouldMakeOneVariantWithoutSettingsOfItsOwnWhenNothingVaries() {
        assertThat(VariedSetting.parse(null)).containsExactly(Map.of());
    }

    @Test
    void shouldMakeOneVariantPerValueInTheOrderGiven() {
        assertThat(VariedSetting.parse("preferred.batch.size=16, 8"))
                .containsExactly(Map.of("preferred.batch.size", "16"), Map.of("preferred.batch.size", "8"));
    }

    @ParameterizedTest(name = "--vary {0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "8,16                | KEY=V1,V2",
                "poll.ms=1,,2        | distinct and not empty",
                "poll.ms=1,1         | distinct and not empty",
                "max.batch.size=8,32 | use --max-batch-size"
            })
    void shouldRefuseWhatIsNotOneOtherSettingWithDistinctValues(String option, String message) {
        assertThatThrownBy(() -> VariedSetting.parse(option))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
