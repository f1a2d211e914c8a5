package io.denoiser.schemas.records;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component whose JSON field is required; components without it are optional and are
 * {@code null} when absent. Jackson enforces it while reading (it stands for
 * {@code @JsonProperty(required = true)}), and a test checks it against each JSON Schema's {@code required}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@JacksonAnnotationsInside
@JsonProperty(required = true)
public @interface Required {}
