package io.denoiser.schemas.records;

import static io.denoiser.schemas.fixtures.Rejections.assertRejected;
import static io.denoiser.schemas.fixtures.TestData.aNoisyImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.schemas.fixtures.TestData;
import io.denoiser.schemas.validation.ReasonCode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoisyImageTest {

    @Test
    void shouldLeaveAbsentOptionalFieldsNull() {
        NoisyImage image = NoisyImage.of("img-1", 4, 4, ImageEncoding.RAW_U8, "AAAA");

        assertThat(image.channels()).isEqualTo(1);
        assertThat(image.timestamp()).isNull();
        assertThat(image.reference()).isNull();
        assertThat(image.attributes()).isNull();
        assertThat(image.hasReference()).isFalse();
    }

    @Test
    void shouldRejectMissingId() {
        assertRejected(() -> aNoisyImage().id(null).build(), ReasonCode.SCHEMA_VIOLATION, "id");
    }

    @Test
    void shouldRejectEmptyId() {
        assertRejected(() -> aNoisyImage().id("").build(), ReasonCode.SCHEMA_VIOLATION, "id");
    }

    @Test
    void shouldRejectIdLongerThanTheMaximum() {
        String tooLong = "x".repeat(NoisyImage.MAX_ID_LENGTH + 1);

        assertRejected(() -> aNoisyImage().id(tooLong).build(), ReasonCode.SCHEMA_VIOLATION, "id");
    }

    @Test
    void shouldAcceptIdOfExactlyTheMaximumLength() {
        String longest = "x".repeat(NoisyImage.MAX_ID_LENGTH);

        assertThat(aNoisyImage().id(longest).build().id()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void shouldRejectWidthBelowOne(int width) {
        assertRejected(() -> aNoisyImage().width(width).build(), ReasonCode.SCHEMA_VIOLATION, "width");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void shouldRejectHeightBelowOne(int height) {
        assertRejected(() -> aNoisyImage().height(height).build(), ReasonCode.SCHEMA_VIOLATION, "height");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 2, 4})
    void shouldRejectChannelsOtherThanOneOrThree(int channels) {
        assertRejected(() -> aNoisyImage().channels(channels).build(), ReasonCode.SCHEMA_VIOLATION, "channels");
    }

    @Test
    void shouldAcceptTheReservedThreeChannelsAsSchemaValid() {
        NoisyImage colour = aNoisyImage().channels(3).build();

        assertThat(colour.channels()).isEqualTo(3);
    }

    @Test
    void shouldRejectMissingEncoding() {
        assertRejected(() -> aNoisyImage().encoding(null).build(), ReasonCode.SCHEMA_VIOLATION, "encoding");
    }

    @Test
    void shouldRejectEmptyData() {
        assertRejected(() -> aNoisyImage().data("").build(), ReasonCode.SCHEMA_VIOLATION, "data");
    }

    @Test
    void shouldRejectTimestampBeforeTheEpoch() {
        assertRejected(() -> aNoisyImage().timestamp(-1L).build(), ReasonCode.SCHEMA_VIOLATION, "timestamp");
    }

    @Test
    void shouldRejectEmptyReference() {
        assertRejected(() -> aNoisyImage().reference("").build(), ReasonCode.SCHEMA_VIOLATION, "reference");
    }

    @Test
    void shouldRejectAttributeWithoutValueNamingTheAttribute() {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("camera", null);

        assertRejected(
                () -> aNoisyImage().attributes(attributes).build(), ReasonCode.SCHEMA_VIOLATION, "attributes.camera");
    }

    @Test
    void shouldNotSeeLaterChangesToTheAttributesItWasGiven() {
        Map<String, String> attributes = new LinkedHashMap<>(Map.of("source", "camera-7"));
        NoisyImage image = aNoisyImage().attributes(attributes).build();

        attributes.put("source", "changed");

        assertThat(image.attributes()).containsExactly(Map.entry("source", "camera-7"));
        assertThatThrownBy(() -> image.attributes().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shouldKnowWhetherItCarriesAReference() {
        assertThat(TestData.noisyImageWithEverything().hasReference()).isTrue();
    }
}
