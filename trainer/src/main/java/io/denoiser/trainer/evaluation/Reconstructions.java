package io.denoiser.trainer.evaluation;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.metrics.QualitySummary;
import java.util.ArrayList;
import java.util.List;

/** Runs a denoiser over noisy images in batches and measures the reconstructions. */
public final class Reconstructions {

    static final int BATCH = 256;

    private Reconstructions() {}

    public static List<GrayImage> of(Denoiser denoiser, List<GrayImage> noisy) {
        List<GrayImage> outputs = new ArrayList<>(noisy.size());
        for (int from = 0; from < noisy.size(); from += BATCH) {
            outputs.addAll(denoiser.denoise(noisy.subList(from, Math.min(noisy.size(), from + BATCH))));
        }
        return outputs;
    }

    public static QualitySummary quality(Denoiser denoiser, NoisyPairs pairs) {
        return QualitySummary.of(of(denoiser, pairs.noisy()), pairs.clean());
    }
}
