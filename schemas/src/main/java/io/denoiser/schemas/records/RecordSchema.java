package io.denoiser.schemas.records;

import java.io.FileNotFoundException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Links each record type to its JSON Schema, the contract's single source of truth, shipped in this
 * module's jar under {@code schemas/}. A schema's {@code $id} ends with its file name, which carries the
 * version: {@code <name>.v<version>.schema.json}.
 */
public enum RecordSchema {
    NOISY_IMAGE("noisy-image", 1, NoisyImage.class),
    RECONSTRUCTION("reconstruction", 1, Reconstruction.class),
    DEAD_LETTER("dead-letter", 1, DeadLetter.class);

    private static final String ID_BASE = "https://denoiser.io/schemas/";
    private static final String RESOURCE_DIRECTORY = "schemas/";

    private final String schemaName;
    private final int version;
    private final Class<? extends Record> recordType;

    RecordSchema(String schemaName, int version, Class<? extends Record> recordType) {
        this.schemaName = schemaName;
        this.version = version;
        this.recordType = recordType;
    }

    /** The name without version, e.g. {@code noisy-image}. */
    public String schemaName() {
        return schemaName;
    }

    public int version() {
        return version;
    }

    public Class<? extends Record> recordType() {
        return recordType;
    }

    /** E.g. {@code noisy-image.v1.schema.json}. */
    public String fileName() {
        return schemaName + ".v" + version + ".schema.json";
    }

    /** The schema's {@code $id}: an identifier, not necessarily a URL that resolves. */
    public String id() {
        return ID_BASE + fileName();
    }

    /** Classpath location of the schema file, e.g. {@code schemas/noisy-image.v1.schema.json}. */
    public String resourcePath() {
        return RESOURCE_DIRECTORY + fileName();
    }

    /** Opens the schema file; the caller closes the stream. */
    public InputStream openSchema() {
        InputStream schema = RecordSchema.class.getClassLoader().getResourceAsStream(resourcePath());
        if (schema == null) {
            throw new UncheckedIOException(new FileNotFoundException("missing schema resource " + resourcePath()));
        }
        return schema;
    }

    /** The schema of the given record type. */
    public static RecordSchema of(Class<?> recordType) {
        for (RecordSchema schema : values()) {
            if (schema.recordType == recordType) {
                return schema;
            }
        }
        throw new IllegalArgumentException(recordType.getName() + " has no JSON Schema");
    }
}
