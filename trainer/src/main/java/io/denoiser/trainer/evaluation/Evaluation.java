package io.denoiser.trainer.evaluation;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.metrics.QualitySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Measures a model against the baselines on the same noisy images: the noisy input itself, a 3x3
 * median filter, the best of several Gaussian blurs, and the model.
 */
public final class Evaluation {

    private Evaluation() {}

    /** One line of the report; {@code detail} says which variant ran (blur sigma, model runtime). */
    public record Row(String method, String detail, QualitySummary quality) {
        String label() {
            return detail.isEmpty() ? method : method + " (" + detail + ")";
        }
    }

    public record Report(String data, int images, String noise, long noiseSeed, List<Row> rows) {

        public QualitySummary of(String method) {
            return rows.stream()
                    .filter(r -> r.method().equals(method))
                    .findFirst()
                    .map(Row::quality)
                    .orElseThrow(() -> new IllegalArgumentException("no row " + method));
        }

        public String table() {
            StringBuilder out = new StringBuilder(
                    String.format(Locale.ROOT, "%-28s %8s %10s %7s%n", "method", "BCE", "PSNR dB", "SSIM"));
            for (Row row : rows) {
                out.append(String.format(
                        Locale.ROOT,
                        "%-28s %8.4f %10.2f %7.3f%n",
                        row.label(),
                        row.quality().bce(),
                        row.quality().psnr(),
                        row.quality().ssim()));
            }
            return out.toString();
        }
    }

    public static final String NOISY = "noisy input";
    public static final String MEDIAN = "median 3x3";
    public static final String BLUR = "gaussian blur";
    public static final String MODEL = "model";

    public static Report run(String data, NoisyPairs pairs, Denoiser model) {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row(NOISY, "", QualitySummary.of(pairs.noisy(), pairs.clean())));
        rows.add(new Row(MEDIAN, "", QualitySummary.of(map(pairs.noisy(), MedianFilter::apply), pairs.clean())));
        rows.add(bestBlur(pairs));
        rows.add(new Row(MODEL, model.name(), Reconstructions.quality(model, pairs)));
        return new Report(data, pairs.size(), pairs.noise().toString(), pairs.seed(), rows);
    }

    private static Row bestBlur(NoisyPairs pairs) {
        Row best = null;
        for (double sigma : GaussianBlur.SIGMAS) {
            GaussianBlur blur = new GaussianBlur(sigma);
            QualitySummary quality = QualitySummary.of(map(pairs.noisy(), blur::apply), pairs.clean());
            if (best == null || quality.psnr() > best.quality().psnr()) {
                best = new Row(BLUR, String.format(Locale.ROOT, "sigma %.2f", sigma), quality);
            }
        }
        return best;
    }

    private static List<GrayImage> map(List<GrayImage> images, java.util.function.UnaryOperator<GrayImage> filter) {
        List<GrayImage> out = new ArrayList<>(images.size());
        for (GrayImage image : images) {
            out.add(filter.apply(image));
        }
        return out;
    }
}
