package io.denoiser.stream.http;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageDecoder;
import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.source.InputRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The latest noisy / denoised / reference triples for the live page, sampled: at most one reconstruction per
 * {@code periodMs} is kept, by reference (no copy, no decoding on the data path), and only the last {@link #KEPT}.
 * Decoding into PNG happens when the page asks, once per sample. So thousands of images per second cost one
 * time check each. Thread-safe.
 */
public final class LiveImages implements DenoiserMetrics {

    /** Samples kept: what the page shows. */
    static final int KEPT = 6;

    private final long periodMs;
    private static final long NEVER = Long.MIN_VALUE;

    private final AtomicLong lastSampledAt = new AtomicLong(NEVER);
    private final Deque<Sample> samples = new ArrayDeque<>();

    /**
     * Samples at most one image per period.
     *
     * @param periodMs the least time between two samples
     */
    public LiveImages(long periodMs) {
        if (periodMs < 0) {
            throw new IllegalArgumentException("periodMs must not be negative, got " + periodMs);
        }
        this.periodMs = periodMs;
    }

    @Override
    public void reconstructionPublished(InputRecord input, Reconstruction reconstruction, long publishedAt) {
        long last = lastSampledAt.get();
        if ((last != NEVER && publishedAt - last < periodMs) || !lastSampledAt.compareAndSet(last, publishedAt)) {
            return;
        }
        synchronized (samples) {
            samples.addFirst(new Sample(input.value(), reconstruction, publishedAt));
            while (samples.size() > KEPT) {
                samples.removeLast();
            }
        }
    }

    /** The samples, newest first, as the page shows them: id, PNG data URLs, quality, time. */
    public List<Map<String, Object>> latest() {
        List<Sample> copy;
        synchronized (samples) {
            copy = new ArrayList<>(samples);
        }
        List<Map<String, Object>> shown = new ArrayList<>(copy.size());
        for (Sample sample : copy) {
            shown.add(sample.shown());
        }
        return shown;
    }

    /** A sampled reconstruction and its input's bytes; made into PNGs on first demand. */
    private static final class Sample {

        private final byte[] input;
        private final Reconstruction reconstruction;
        private final long publishedAt;
        private Map<String, Object> shown;

        Sample(byte[] input, Reconstruction reconstruction, long publishedAt) {
            this.input = input;
            this.reconstruction = reconstruction;
            this.publishedAt = publishedAt;
        }

        synchronized Map<String, Object> shown() {
            if (shown == null) {
                shown = render();
            }
            return shown;
        }

        private Map<String, Object> render() {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("id", reconstruction.id());
            view.put("width", reconstruction.width());
            view.put("height", reconstruction.height());
            view.put("publishedAt", publishedAt);
            view.put("latencyMs", publishedAt - reconstruction.inputTimestamp());
            view.put("batchSize", reconstruction.batchSize());
            view.put("denoised", dataUrl(reconstruction.encoding(), reconstruction.data(), "data"));
            if (reconstruction.psnr() != null) {
                view.put("psnr", reconstruction.psnr());
                view.put("ssim", reconstruction.ssim());
            }
            try (Deserializer<NoisyImage> json = RecordSerdes.noisyImage().deserializer()) {
                NoisyImage noisy = json.deserialize("", input);
                view.put("noisy", dataUrl(noisy.encoding(), noisy.data(), "data"));
                if (noisy.reference() != null) {
                    view.put("reference", dataUrl(noisy.encoding(), noisy.reference(), "reference"));
                }
            } catch (RuntimeException unreadable) {
                // a reconstruction was made of it, so it was readable; in case the page shows the output alone
            }
            return view;
        }

        private String dataUrl(ImageEncoding encoding, String base64, String field) {
            DecodedImage image =
                    ImageDecoder.decode(encoding, base64, reconstruction.width(), reconstruction.height(), field);
            return "data:image/png;base64," + ImageEncoder.encode(image, ImageEncoding.PNG);
        }
    }
}
