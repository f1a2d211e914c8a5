package io.denoiser.stream.http;

import java.util.List;

/** The app's own metric names, as Prometheus sees them: the README documents exactly these. */
final class ExportedMetrics {

    static final List<String> DENOISER = List.of(
            "denoiser_images_received_total",
            "denoiser_reconstructions_total",
            "denoiser_dead_letters_total",
            "denoiser_dropped_records_total",
            "denoiser_batch_size",
            "denoiser_batch_wait_seconds",
            "denoiser_inference_seconds",
            "denoiser_end_to_end_latency_seconds",
            "denoiser_psnr_db",
            "denoiser_buffered_images",
            "denoiser_model_info",
            "denoiser_model_load_seconds");

    private ExportedMetrics() {}
}
