package io.denoiser.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void shouldRefuseTextThatNamesNoSetting() {
        assertThatThrownBy(() -> VariedSetting.parse("8,16"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KEY=V1,V2");
    }

    @Test
    void shouldRefuseEmptyOrRepeatedValues() {
        assertThatThrownBy(() -> VariedSetting.parse("poll.ms=1,,2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct and not empty");
        assertThatThrownBy(() -> VariedSetting.parse("poll.ms=1,1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct and not empty");
    }

    @Test
    void shouldSendTheBatchSettingsToTheirOwnOptions() {
        assertThatThrownBy(() -> VariedSetting.parse("max.batch.size=8,32"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use --max-batch-size");
    }
}
