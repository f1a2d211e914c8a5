package io.denoiser.stream.validation;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.NoisyImageDecoder;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.serde.JsonReading;
import io.denoiser.schemas.serde.JsonRecordDeserializer;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.source.InputRecord;
import java.util.Optional;

/**
 * Reads the value of an input record as a noisy image, in the order the schemas define: the record's size
 * (TOO_LARGE, before anything is parsed), JSON (MALFORMED_JSON, SCHEMA_VIOLATION; unknown fields ignored or
 * rejected as the policy says), admission (UNSUPPORTED_SHAPE, TOO_LARGE), then decoding of {@code data} and
 * {@code reference} (BAD_ENCODING, SIZE_MISMATCH). Holds one prebuilt deserializer; thread-safe, so one
 * instance serves every task.
 */
public final class NoisyImageReader {

    private final RecordSizeCheck size;
    private final JsonRecordDeserializer<NoisyImage> json;
    private final NoisyImageDecoder decoder;
    private final IgnoredFields ignoredFields = new IgnoredFields();

    public NoisyImageReader(InputPolicy policy) {
        this.size = new RecordSizeCheck(policy.maxRecordBytes());
        this.json = RecordSerdes.noisyImage(policy.unknownFields()).deserializer();
        this.decoder = new NoisyImageDecoder(policy.limits());
    }

    /**
     * Reads a record that has just arrived on the input topic, as {@link #read} does, and counts and logs the
     * unknown fields it ignored. Once per record: reading it again later (from the batch buffer) does not count.
     *
     * @throws InvalidRecordException with the reason code and field of the first failed check
     */
    public ValidNoisyImage readArrived(InputRecord input) {
        return read(input, true);
    }

    /**
     * Checks, parses, admits and decodes the value of {@code input}, in the order of the checks above.
     *
     * @throws InvalidRecordException with the reason code and field of the first failed check
     */
    public ValidNoisyImage read(InputRecord input) {
        return read(input, false);
    }

    /** The unknown fields ignored in arriving records: how many records had any (a future metric). */
    public IgnoredFields ignoredFields() {
        return ignoredFields;
    }

    private ValidNoisyImage read(InputRecord input, boolean arrived) {
        size.check(input);
        JsonReading<NoisyImage> reading = parse(input);
        NoisyImage record = reading.record();
        DecodedImage noisy = decoder.decodeData(record);
        Optional<DecodedImage> reference = decoder.decodeReference(record);
        if (arrived) {
            ignoredFields.record(reading.ignoredFields(), input.source());
        }
        return new ValidNoisyImage(record, noisy, reference);
    }

    private JsonReading<NoisyImage> parse(InputRecord input) {
        if (input.value() == null) {
            throw new InvalidRecordException(
                    ReasonCode.MALFORMED_JSON,
                    null,
                    "cannot read NoisyImage: the value is null (a tombstone), not a noisy image");
        }
        return json.read(input.value());
    }
}
