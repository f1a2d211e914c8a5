package io.denoiser.stream.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry, () -> 7);

    @Test
    void shouldExportEveryMeterUnderItsPrometheusNameFromTheStart() {
        metrics.modelLoaded("dae@abc", "onnx", Duration.ofMillis(1500));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("denoiser_images_received_total 0.0")
                .contains("denoiser_reconstructions_total 0.0")
                .contains("denoiser_dead_letters_total{reason=\"MALFORMED_JSON\"} 0.0")
                .contains("denoiser_dead_letters_total{reason=\"PROCESSING_FAILED\"} 0.0")
                .contains("denoiser_dropped_records_total 0.0")
                .contains("denoiser_batch_size_count 0")
                .contains("denoiser_batch_wait_seconds_count 0")
                .contains("denoiser_inference_seconds_count 0")
                .contains("denoiser_end_to_end_latency_seconds_count 0")
                .contains("denoiser_psnr_db_count 0")
                .contains("denoiser_buffered_images 7.0")
                .contains("denoiser_model_info{runtime=\"onnx\",version=\"dae@abc\"} 1")
                .contains("denoiser_model_load_seconds 1.5");
    }

    @Test
    void shouldCountWhatTheDataPathReports() {
        metrics.imageReceived();
        metrics.imageReceived();
        metrics.imageReceived();
        metrics.deadLettered(ReasonCode.MALFORMED_JSON);
        metrics.batchFlushed(2, Duration.ofMillis(20));
        metrics.modelCalled(2, 3_000_000);
        long publishedAt = TestData.NEW_YEAR_2026 + 250;
        metrics.reconstructionPublished(input(), reconstruction(21.5), publishedAt);
        metrics.reconstructionPublished(input(), reconstruction(null), publishedAt);
        metrics.recordDropped("images.denoised");

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("denoiser_images_received_total 3.0")
                .contains("denoiser_reconstructions_total 2.0")
                .contains("denoiser_dead_letters_total{reason=\"MALFORMED_JSON\"} 1.0")
                .contains("denoiser_dropped_records_total 1.0")
                .contains("denoiser_batch_size_count 1")
                .contains("denoiser_batch_size_sum 2.0")
                .contains("denoiser_batch_size_bucket{le=\"2.0\"} 1")
                .contains("denoiser_batch_wait_seconds_sum 0.02")
                .contains("denoiser_inference_seconds_sum 0.003")
                .contains("denoiser_end_to_end_latency_seconds_count 2")
                .contains("denoiser_end_to_end_latency_seconds_sum 0.5")
                .contains("denoiser_psnr_db_count 1")
                .contains("denoiser_psnr_db_sum 21.5");
        assertThat(metrics.totals().received()).isEqualTo(3);
        assertThat(metrics.deadLettersByReason()).containsExactly(java.util.Map.entry("MALFORMED_JSON", 1L));
    }

    @Test
    void shouldShowOnlyTheModelServedLast() {
        metrics.modelLoaded("dae@old", "onnx", Duration.ofSeconds(1));
        metrics.modelLoaded("dae@new", "dl4j", Duration.ofSeconds(2));

        assertThat(registry.scrape())
                .contains("denoiser_model_info{runtime=\"dl4j\",version=\"dae@new\"} 1")
                .doesNotContain("dae@old");
    }

    private static InputRecord input() {
        return new InputRecord(new SourceCoordinates("images.noisy", 0, 1), null, null, TestData.NEW_YEAR_2026);
    }

    private static Reconstruction reconstruction(Double psnr) {
        String data = ImageEncoder.encode(TestData.gradient(8, 8), ImageEncoding.RAW_U8);
        return new Reconstruction(
                "img",
                8,
                8,
                ImageEncoding.RAW_U8,
                data,
                TestData.MODEL_VERSION,
                TestData.NEW_YEAR_2026,
                TestData.NEW_YEAR_2026 + 250,
                2,
                psnr,
                psnr == null ? null : 0.9);
    }
}
