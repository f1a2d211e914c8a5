package io.denoiser.model.metrics;

import io.denoiser.model.image.GrayImage;
import java.util.List;

/** Mean BCE, PSNR (dB) and SSIM of a set of images against their references. */
public record QualitySummary(int images, double bce, double psnr, double ssim) {

    public static QualitySummary of(List<GrayImage> outputs, List<GrayImage> references) {
        if (outputs.size() != references.size() || outputs.isEmpty()) {
            throw new IllegalArgumentException("need as many references as outputs, and at least one: got "
                    + outputs.size() + " outputs and " + references.size() + " references");
        }
        Accumulator accumulator = new Accumulator();
        for (int i = 0; i < outputs.size(); i++) {
            accumulator.add(outputs.get(i), references.get(i));
        }
        return accumulator.summary();
    }

    /** Adds images one at a time, for sets too large to hold at once. */
    public static final class Accumulator {
        private int images;
        private double bce;
        private double psnr;
        private double ssim;

        public void add(GrayImage output, GrayImage reference) {
            images++;
            bce += BinaryCrossEntropy.of(output, reference);
            psnr += Psnr.of(output, reference);
            ssim += Ssim.of(output, reference);
        }

        public QualitySummary summary() {
            if (images == 0) {
                throw new IllegalStateException("no images were added");
            }
            return new QualitySummary(images, bce / images, psnr / images, ssim / images);
        }
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "BCE %.4f  PSNR %.2f dB  SSIM %.3f", bce, psnr, ssim);
    }
}
