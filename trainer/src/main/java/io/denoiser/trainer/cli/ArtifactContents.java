package io.denoiser.trainer.cli;

import io.denoiser.model.artifact.EpochMetrics;
import io.denoiser.model.artifact.ModelArtifact;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.model.data.ImageSet;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.metrics.QualitySummary;
import io.denoiser.model.network.DenoisingAutoencoder;
import io.denoiser.model.pictures.SampleGrid;
import io.denoiser.trainer.evaluation.NoisyPairs;
import io.denoiser.trainer.evaluation.Reconstructions;
import io.denoiser.trainer.pictures.LearningCurve;
import io.denoiser.trainer.training.Trainer;
import io.denoiser.trainer.training.TrainingConfig;
import java.awt.image.BufferedImage;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What goes into a freshly trained artifact: metadata with test figures, and the two pictures. */
record ArtifactContents(ModelMetadata metadata, Map<String, BufferedImage> pictures) {

    static final int SAMPLE_COUNT = 12;
    static final int SAMPLE_SCALE = 3;

    static ArtifactContents describe(
            TrainingConfig config,
            Trainer.Result result,
            DataSplit split,
            ImageSet test,
            String command,
            ModelMetadata.StartedFrom startedFrom) {
        NoisyPairs testPairs = NoisyPairs.of(test, config.noise(), NoisyPairs.DEFAULT_SEED);
        List<GrayImage> denoised = Reconstructions.of(new Dl4jDenoiser(result.network()), testPairs.noisy());
        var testQuality = new ModelMetadata.TestQuality(
                testPairs.seed(),
                QualitySummary.of(denoised, testPairs.clean()),
                QualitySummary.of(testPairs.noisy(), testPairs.clean()));
        List<EpochMetrics> history = result.state().history();
        ModelMetadata metadata = new ModelMetadata(
                ModelMetadata.FORMAT_VERSION,
                DenoisingAutoencoder.ARCHITECTURE,
                new ModelMetadata.InputSpec(test.height(), test.width(), 1, "NCHW", DenoisingAutoencoder.SIDE_MULTIPLE),
                ModelMetadata.Normalisation.UNIT_RANGE,
                config.noise(),
                new ModelMetadata.Datasets(
                        source(split.training()),
                        split.validatesOnTest() ? source(test) : source(split.validation()),
                        source(test)),
                new ModelMetadata.Training(
                        config.epochs(),
                        result.state().epochsDone(),
                        result.keptEpoch(),
                        config.batchSize(),
                        config.learningRate(),
                        config.schedule().label(),
                        config.seed(),
                        config.engine().label(),
                        config.patience(),
                        medianSeconds(history),
                        command,
                        startedFrom),
                history,
                testQuality,
                result.network().numParams(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                TrainerCli.version(),
                null);
        Map<String, BufferedImage> pictures = new LinkedHashMap<>();
        int samples = Math.min(SAMPLE_COUNT, testPairs.size());
        pictures.put(
                ModelArtifact.SAMPLES,
                SampleGrid.render(
                        List.of(
                                new SampleGrid.Row("noisy", testPairs.noisy().subList(0, samples)),
                                new SampleGrid.Row("denoised", denoised.subList(0, samples)),
                                new SampleGrid.Row("clean", testPairs.clean().subList(0, samples))),
                        SAMPLE_SCALE));
        pictures.put(ModelArtifact.CURVE, LearningCurve.render(history));
        return new ArtifactContents(metadata, pictures);
    }

    private static ModelMetadata.DataSource source(ImageSet images) {
        return new ModelMetadata.DataSource(images.source(), images.sha256(), images.count());
    }

    private static double medianSeconds(List<EpochMetrics> history) {
        double[] seconds =
                history.stream().mapToDouble(EpochMetrics::seconds).sorted().toArray();
        if (seconds.length == 0) {
            return 0;
        }
        int mid = seconds.length / 2;
        return seconds.length % 2 == 1 ? seconds[mid] : (seconds[mid - 1] + seconds[mid]) / 2;
    }
}
