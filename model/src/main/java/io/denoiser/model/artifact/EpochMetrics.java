package io.denoiser.model.artifact;

/**
 * What one training epoch achieved: mean training loss over its batches, and BCE, PSNR (dB) and SSIM
 * of the validation set's reconstructions.
 */
public record EpochMetrics(
        int epoch,
        double trainLoss,
        double validationBce,
        double validationPsnr,
        double validationSsim,
        double seconds) {}
