package io.denoiser.stream.inference;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The Kafka header {@value #NAME} of every reconstruction: the version of the model that made it, UTF-8, the same
 * as the record's {@code modelVersion} field. Consumers can route or count by model without parsing the value.
 */
public final class ModelVersionHeader {

    public static final String NAME = "denoiser.model.version";

    private ModelVersionHeader() {}

    /** Headers holding only the model version. */
    public static Headers of(String modelVersion) {
        return new RecordHeaders().add(NAME, modelVersion.getBytes(StandardCharsets.UTF_8));
    }
}
