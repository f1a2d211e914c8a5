package io.denoiser.stream.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.metrics.Psnr;
import io.denoiser.model.metrics.Ssim;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.validation.ValidNoisyImage;
import java.util.Objects;
import java.util.Optional;

/**
 * Makes the reconstruction record of a denoised image: the model's output as 8-bit grey in the input's
 * encoding, the model version, timestamps, batch size and, when the input carried a reference, PSNR and SSIM
 * of the published (8-bit) image against it. Stateless apart from the model version; thread-safe.
 */
public final class Reconstructions {

    /** {@link Ssim}'s window side: smaller images get no quality figures (they come as a pair or not at all). */
    static final int SSIM_MIN_SIDE = 7;

    private final String modelVersion;

    public Reconstructions(String modelVersion) {
        this.modelVersion = Objects.requireNonNull(modelVersion, "modelVersion");
    }

    /**
     * Makes the reconstruction record of {@code input} from the model's {@code output}, with PSNR and SSIM when
     * the input carried a reference and the image is at least {@value #SSIM_MIN_SIDE} pixels on each side.
     *
     * @param batchSize   images in the model call that produced {@code output}
     * @param processedAt wall-clock time of the flush, epoch ms
     */
    public Reconstruction of(
            InputRecord input, ValidNoisyImage image, GrayImage output, int batchSize, long processedAt) {
        NoisyImage noisy = image.record();
        DecodedImage published = new DecodedImage(output.width(), output.height(), output.toBytes());
        Optional<Quality> quality = image.reference().flatMap(reference -> quality(published, reference));
        return new Reconstruction(
                noisy.id(),
                noisy.width(),
                noisy.height(),
                noisy.encoding(),
                ImageEncoder.encode(published, noisy.encoding()),
                modelVersion,
                inputTimestamp(input, noisy),
                processedAt,
                batchSize,
                quality.map(Quality::psnr).orElse(null),
                quality.map(Quality::ssim).orElse(null));
    }

    /** The image's own event time when it has one, else its Kafka record's. */
    private static long inputTimestamp(InputRecord input, NoisyImage noisy) {
        return noisy.timestamp() != null ? noisy.timestamp() : input.timestamp();
    }

    private static Optional<Quality> quality(DecodedImage published, DecodedImage reference) {
        if (published.width() < SSIM_MIN_SIDE || published.height() < SSIM_MIN_SIDE) {
            return Optional.empty();
        }
        GrayImage image = toGray(published);
        GrayImage clean = toGray(reference);
        // SSIM is at most 1 in theory; rounding must not push it over the schema's bound
        double ssim = Math.max(-1, Math.min(1, Ssim.of(image, clean)));
        return Optional.of(new Quality(Psnr.of(image, clean), ssim));
    }

    private static GrayImage toGray(DecodedImage image) {
        return GrayImage.fromBytes(image.width(), image.height(), image.pixels());
    }

    private record Quality(double psnr, double ssim) {}
}
