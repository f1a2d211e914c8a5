package io.denoiser.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes a record as UTF-8 JSON; {@code null} stays {@code null} (a tombstone). Thread-safe. */
public final class JsonRecordSerializer<T extends Record> implements Serializer<T> {

    private final String typeName;
    private final ObjectWriter writer;

    public JsonRecordSerializer(Class<T> type) {
        this.typeName = type.getSimpleName();
        this.writer = RecordJson.MAPPER.writerFor(type);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + typeName + ": " + e.getOriginalMessage(), e);
        }
    }
}
