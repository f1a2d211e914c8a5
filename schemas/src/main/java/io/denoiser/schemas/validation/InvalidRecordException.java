package io.denoiser.schemas.validation;

import java.util.Objects;
import java.util.Optional;

/**
 * A record that cannot be used, with the {@link ReasonCode} a dead letter needs and, when one field is at
 * fault, that field's name (dotted for nested fields, e.g. {@code attributes.camera}). The message always
 * names the field when there is one.
 */
public final class InvalidRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ReasonCode reason;
    private final String field;

    public InvalidRecordException(ReasonCode reason, String field, String message) {
        this(reason, field, message, null);
    }

    public InvalidRecordException(ReasonCode reason, String field, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
    }

    /** A violation of the record's schema by one field. */
    public static InvalidRecordException schemaViolation(String field, String message) {
        return new InvalidRecordException(ReasonCode.SCHEMA_VIOLATION, field, message);
    }

    public ReasonCode reason() {
        return reason;
    }

    /** The field at fault; empty when the record as a whole is (e.g. it is not JSON). */
    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
