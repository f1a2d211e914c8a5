package io.denoiser.stream.validation;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.NoisyImageDecoder;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.schemas.validation.RecordLimits;
import io.denoiser.stream.source.InputRecord;
import java.util.Optional;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the value of an input record as a noisy image, in the order the schemas define: JSON
 * (MALFORMED_JSON, SCHEMA_VIOLATION), admission (UNSUPPORTED_SHAPE, TOO_LARGE), then decoding of
 * {@code data} and {@code reference} (BAD_ENCODING, SIZE_MISMATCH). Holds one prebuilt deserializer;
 * thread-safe, so one instance serves every task.
 */
public final class NoisyImageReader {

    private final Deserializer<NoisyImage> json = RecordSerdes.noisyImage().deserializer();
    private final NoisyImageDecoder decoder;

    public NoisyImageReader(RecordLimits limits) {
        this.decoder = new NoisyImageDecoder(limits);
    }

    /**
     * Parses, admits and decodes the value of {@code input}, in the order of the checks above.
     *
     * @throws InvalidRecordException with the reason code and field of the first failed check
     */
    public ValidNoisyImage read(InputRecord input) {
        NoisyImage record = parse(input);
        DecodedImage noisy = decoder.decodeData(record);
        Optional<DecodedImage> reference = decoder.decodeReference(record);
        return new ValidNoisyImage(record, noisy, reference);
    }

    private NoisyImage parse(InputRecord input) {
        if (input.value() == null) {
            throw new InvalidRecordException(
                    ReasonCode.MALFORMED_JSON,
                    null,
                    "cannot read NoisyImage: the value is null (a tombstone), not a noisy image");
        }
        return json.deserialize(input.source().topic(), input.value());
    }
}
