package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PendingImageSerdeTest {

    private static final String TOPIC = "denoiser-denoise-batch-buffer-changelog";
    /**
     * An entry in format version 1, as the app has written it since that version came out, built by hand from the
     * layout in {@link PendingImageSerde}'s documentation: the image of {@link #pending} with key {@code img-1} and
     * value {@code {"id":"img-1"}}. Buffers and changelogs hold such bytes across upgrades, so a build must go on
     * reading them.
     */
    private static final String VERSION_1_ENTRY =
            "AQAAAAxpbWFnZXMubm9pc3kAAAAHAAAAHL6ZGhQAAAGbdtqoAAAAAZt3EZaAAAAABWltZy0xAAAADnsiaWQiOiJpbWctMSJ9";

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
    void shouldReadEntriesWrittenInFormatVersion1() {
        // given
        byte[] written = Base64.getDecoder().decode(VERSION_1_ENTRY);

        // when
        PendingImage read = serde.deserializer().deserialize(TOPIC, written);

        // then
        assertThat(read).isEqualTo(pending(bytes("img-1"), bytes("{\"id\":\"img-1\"}")));
    }

    @Test
    void shouldWriteFormatVersion1UntilTheVersionChanges() {
        // given
        PendingImage image = pending(bytes("img-1"), bytes("{\"id\":\"img-1\"}"));

        // when
        byte[] written = serde.serializer().serialize(TOPIC, image);

        // then a new layout needs a new version byte, and this test then a second committed entry
        assertThat(PendingImageSerde.VERSION).isEqualTo((byte) 1);
        assertThat(Base64.getEncoder().encodeToString(written)).isEqualTo(VERSION_1_ENTRY);
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
