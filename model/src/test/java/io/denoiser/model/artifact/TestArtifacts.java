package io.denoiser.model.artifact;

import io.denoiser.model.metrics.QualitySummary;
import io.denoiser.model.network.DenoisingAutoencoder;
import io.denoiser.model.noise.NoiseSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.schedule.FixedSchedule;

/** Untrained networks written as artifacts, for tests of the artifact format. */
public final class TestArtifacts {

    private TestArtifacts() {}

    public static MultiLayerNetwork untrainedNetwork() {
        return DenoisingAutoencoder.create(123, new FixedSchedule(1e-3));
    }

    public static ModelMetadata metadataFor(MultiLayerNetwork network) {
        var quality = new QualitySummary(1, 0.5, 10, 0.1);
        var source = new ModelMetadata.DataSource("test", "0".repeat(64), 1);
        return new ModelMetadata(
                ModelMetadata.FORMAT_VERSION,
                DenoisingAutoencoder.ARCHITECTURE,
                new ModelMetadata.InputSpec(28, 28, 1, "NCHW", 4),
                ModelMetadata.Normalisation.UNIT_RANGE,
                NoiseSpec.DEFAULT,
                new ModelMetadata.Datasets(source, source, source),
                new ModelMetadata.Training(1, 1, 1, 128, 1e-3, "constant", 123, "plain", 0, 1.0, "test", null),
                List.of(new EpochMetrics(1, 0.5, 0.5, 10, 0.1, 1.0)),
                new ModelMetadata.TestQuality(1, quality, quality),
                network.numParams(),
                "2026-01-01T00:00:00Z",
                "test",
                null);
    }

    public static ModelMetadata write(Path folder, MultiLayerNetwork network) {
        return ArtifactWriter.write(
                folder,
                network,
                metadataFor(network),
                Map.of(ModelArtifact.SAMPLES, new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB)));
    }
}
