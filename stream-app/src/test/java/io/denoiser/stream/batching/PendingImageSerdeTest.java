package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PendingImageSerdeTest {

    private static final String TOPIC = "denoiser-denoise-batch-buffer-changelog";
    private final PendingImageSerde serde = new PendingImageSerde();

    @Test
    void shouldRoundTripEveryField() {
        // given
        PendingImage image = pending(bytes("img-1"), bytes("{\"id\":\"img-1\"}"));

        // when
        PendingImage read =
                serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, image));

        // then
        assertThat(read).isEqualTo(image);
    }

    @Test
    void shouldKeepNullKeyAndValueApartFromEmptyOnes() {
        assertThat(roundTrip(pending(null, null))).isEqualTo(pending(null, null));
        assertThat(roundTrip(pending(new byte[0], new byte[0]))).isEqualTo(pending(new byte[0], new byte[0]));
    }

    @Test
    void shouldRefuseAnotherFormatVersion() {
        // given
        byte[] bytes = serde.serializer().serialize(TOPIC, pending(bytes("k"), bytes("v")));
        bytes[0] = 99;

        // then
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("format version 99");
    }

    @Test
    void shouldRefuseATruncatedEntry() {
        // given
        byte[] bytes = serde.serializer().serialize(TOPIC, pending(bytes("k"), bytes("value")));

        // then
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, Arrays.copyOf(bytes, bytes.length - 2)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("corrupt");
    }

    private PendingImage roundTrip(PendingImage image) {
        return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, image));
    }

    private static PendingImage pending(byte[] key, byte[] value) {
        InputRecord input = new InputRecord(
                new SourceCoordinates("images.noisy", 7, 123_456_789_012L), key, value, 1_767_225_600_000L);
        return new PendingImage(input, 1_767_229_200_000L);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
