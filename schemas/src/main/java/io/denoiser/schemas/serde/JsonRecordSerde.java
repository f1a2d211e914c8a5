package io.denoiser.schemas.serde;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The Kafka serde of one record type as UTF-8 JSON, the same for keys and values and for every record type.
 * Holds one serializer and one deserializer, each with its own prebuilt Jackson writer or reader, so nothing
 * is created per record. Thread-safe. See {@link JsonRecordDeserializer} for how failures are reported.
 */
public final class JsonRecordSerde<T extends Record> implements Serde<T> {

    private final JsonRecordSerializer<T> serializer;
    private final JsonRecordDeserializer<T> deserializer;

    /** Reads ignoring unknown fields (forward compatibility). */
    public JsonRecordSerde(Class<T> type) {
        this(type, UnknownFields.IGNORE);
    }

    public JsonRecordSerde(Class<T> type, UnknownFields unknownFields) {
        this.serializer = new JsonRecordSerializer<>(type);
        this.deserializer = new JsonRecordDeserializer<>(type, unknownFields);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public JsonRecordDeserializer<T> deserializer() {
        return deserializer;
    }
}
