package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.source.SourceCoordinates;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BufferKeyTest {

    @Test
    void shouldZeroPadPartitionAndOffset() {
        assertThat(BufferKey.of(new SourceCoordinates("images.noisy", 3, 1234)))
                .isEqualTo("0000000003-0000000000000001234");
    }

    @Test
    void shouldFitTheLargestPartitionAndOffset() {
        assertThat(BufferKey.of(new SourceCoordinates("images.noisy", Integer.MAX_VALUE, Long.MAX_VALUE)))
                .isEqualTo("2147483647-9223372036854775807");
    }

    @Test
    void shouldSortInArrivalOrderAsTheStoreIteratesBytes() {
        // given offsets whose decimal strings sort differently from their values
        List<String> keys =
                Stream.of(9L, 10L, 100L, 2L).map(offset -> key(0, offset)).toList();

        // then byte order (the store's) is offset order
        assertThat(keys.stream().sorted().toList()).containsExactly(key(0, 2), key(0, 9), key(0, 10), key(0, 100));
    }

    @Test
    void shouldGiveTheSameKeyToTheSameRecordReadAgain() {
        assertThat(key(1, 42)).isEqualTo(key(1, 42)).isNotEqualTo(key(2, 42)).isNotEqualTo(key(1, 43));
    }

    @Test
    void shouldGiveBackTheCoordinatesAKeyWasMadeOf() {
        assertThat(BufferKey.coordinatesOf(key(3, 1234), "images.noisy"))
                .hasValue(new SourceCoordinates("images.noisy", 3, 1234));
        assertThat(BufferKey.coordinatesOf(key(Integer.MAX_VALUE, Long.MAX_VALUE), "t"))
                .hasValue(new SourceCoordinates("t", Integer.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void shouldNotMakeCoordinatesOfAKeyItDidNotMake() {
        assertThat(BufferKey.coordinatesOf("img-1", "images.noisy")).isEmpty();
        assertThat(BufferKey.coordinatesOf("9999999999-0000000000000000001", "images.noisy"))
                .isEmpty();
    }

    private static String key(int partition, long offset) {
        return BufferKey.of(new SourceCoordinates("images.noisy", partition, offset));
    }
}
