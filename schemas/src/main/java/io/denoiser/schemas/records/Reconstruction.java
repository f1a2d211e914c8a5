package io.denoiser.schemas.records;

import static io.denoiser.schemas.validation.FieldChecks.requireAtLeast;
import static io.denoiser.schemas.validation.FieldChecks.requireBetweenIfPresent;
import static io.denoiser.schemas.validation.FieldChecks.requireFiniteAtLeastIfPresent;
import static io.denoiser.schemas.validation.FieldChecks.requireNonEmpty;
import static io.denoiser.schemas.validation.FieldChecks.requirePresent;

import io.denoiser.schemas.validation.InvalidRecordException;

/**
 * A denoised image, as published on the output topic ({@code reconstruction.v1.schema.json}). Always one grey
 * channel. {@code psnr} and {@code ssim} come together, and only when the noisy image had a reference.
 *
 * @param id             the noisy image's id (and the record key)
 * @param width          width in pixels, as the noisy image's
 * @param height         height in pixels, as the noisy image's
 * @param encoding       how {@code data} is encoded
 * @param data           the reconstruction, base64
 * @param modelVersion   the model artifact's version, e.g. {@code dae-conv@3f2a9c01b7de}
 * @param inputTimestamp the noisy image's {@code timestamp}, or its Kafka record timestamp when absent; epoch ms
 * @param processedAt    when the reconstruction was made, epoch milliseconds
 * @param batchSize      how many images the model processed in the same batch
 * @param psnr           optional peak signal-to-noise ratio against the reference, in dB, finite and non-negative
 * @param ssim           optional structural similarity against the reference, in [-1, 1]
 */
public record Reconstruction(
        @Required String id,
        @Required int width,
        @Required int height,
        @Required ImageEncoding encoding,
        @Required String data,
        @Required String modelVersion,
        @Required long inputTimestamp,
        @Required long processedAt,
        @Required int batchSize,
        Double psnr,
        Double ssim) {

    /** Throws {@link InvalidRecordException} (SCHEMA_VIOLATION) naming the first offending field. */
    public Reconstruction {
        requireNonEmpty(id, NoisyImage.MAX_ID_LENGTH, "id");
        requireAtLeast(width, 1, "width");
        requireAtLeast(height, 1, "height");
        requirePresent(encoding, "encoding");
        requireNonEmpty(data, "data");
        requireNonEmpty(modelVersion, "modelVersion");
        requireAtLeast(inputTimestamp, 0, "inputTimestamp");
        requireAtLeast(processedAt, 0, "processedAt");
        requireAtLeast(batchSize, 1, "batchSize");
        requireFiniteAtLeastIfPresent(psnr, 0, "psnr");
        requireBetweenIfPresent(ssim, -1, 1, "ssim");
        requireBothOrNeither(psnr, ssim);
    }

    public boolean hasQuality() {
        return psnr != null;
    }

    private static void requireBothOrNeither(Double psnr, Double ssim) {
        if (psnr == null && ssim != null) {
            throw InvalidRecordException.schemaViolation("psnr", "psnr is required when ssim is given");
        }
        if (ssim == null && psnr != null) {
            throw InvalidRecordException.schemaViolation("ssim", "ssim is required when psnr is given");
        }
    }
}
