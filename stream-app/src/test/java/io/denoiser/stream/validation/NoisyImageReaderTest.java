package io.denoiser.stream.validation;

import static io.denoiser.stream.fixtures.TestData.gradient;
import static io.denoiser.stream.fixtures.TestData.json;
import static io.denoiser.stream.fixtures.TestData.noisyImage;
import static io.denoiser.stream.fixtures.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.denoiser.schemas.serde.UnknownFields;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import io.denoiser.stream.fixtures.Json;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NoisyImageReaderTest {

    private static final int MAX_RECORD_BYTES = 10_000;

    private final NoisyImageReader reader =
            new NoisyImageReader(new InputPolicy(RecordLimits.defaults(), MAX_RECORD_BYTES, UnknownFields.IGNORE));

    private static InputRecord input(byte[] key, byte[] value) {
        return new InputRecord(new SourceCoordinates("images.noisy", 0, 7), key, value, 0);
    }

    private static byte[] withUnknownField() {
        ObjectNode json = Json.object(json(noisyImage("img-1", gradient(28, 28))));
        json.put("colour", "grey");
        return Json.bytes(json);
    }

    @Test
    void shouldCountEachArrivingRecordWithUnknownFieldsOnceAndNotItsLaterReads() {
        // given
        InputRecord input = input(utf8("img-1"), withUnknownField());

        // when it arrives, then is read again from the batch buffer
        reader.readArrived(input);
        reader.read(input);
        reader.readArrived(input(utf8("img-2"), json(noisyImage("img-2", gradient(28, 28)))));

        // then
        assertThat(reader.ignoredFields().records()).isEqualTo(1);
    }

    @Test
    void shouldCountFromEveryStreamThread() throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        for (int i = 0; i < 400; i++) {
            threads.execute(() -> reader.readArrived(input(utf8("img-1"), withUnknownField())));
        }
        threads.shutdown();

        assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(reader.ignoredFields().records()).isEqualTo(400);
    }

    @Test
    void shouldRefuseARecordWhoseKeyAndValueExceedTheLimitBeforeParsingIt() {
        // given a value that is not even JSON, just over the limit with its key
        byte[] key = utf8("img-1");
        byte[] value = new byte[MAX_RECORD_BYTES - key.length + 1];

        assertThatThrownBy(() -> reader.readArrived(input(key, value)))
                .isInstanceOfSatisfying(InvalidRecordException.class, rejection -> {
                    assertThat(rejection.reason()).isEqualTo(ReasonCode.TOO_LARGE);
                    assertThat(rejection.field()).isEmpty();
                });
    }

    @Test
    void shouldAdmitARecordOfExactlyTheLimit() {
        byte[] value = json(noisyImage("img-1", gradient(28, 28)));
        NoisyImageReader exact =
                new NoisyImageReader(new InputPolicy(RecordLimits.defaults(), 5 + value.length, UnknownFields.IGNORE));

        assertThat(exact.read(input(utf8("img-1"), value)).record().id()).isEqualTo("img-1");
    }

    @Test
    void shouldRefuseAKeyLongerThanAnyIdCouldBe() {
        byte[] key = new byte[1025];

        assertThatThrownBy(() -> reader.read(input(key, json(noisyImage("img-1", gradient(28, 28))))))
                .isInstanceOfSatisfying(
                        InvalidRecordException.class,
                        rejection -> assertThat(rejection.reason()).isEqualTo(ReasonCode.TOO_LARGE));
    }
}
