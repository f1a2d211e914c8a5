package io.denoiser.model.artifact;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.denoiser.model.metrics.QualitySummary;
import io.denoiser.model.noise.NoiseSpec;
import java.util.List;

/**
 * The {@code model.json} of a model artifact: what the network expects, how it was trained, on what
 * data, how good it is, and the checksum of the network file. The contract between the trainer and
 * everything that serves the model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelMetadata(
        int formatVersion,
        String architecture,
        InputSpec input,
        Normalisation normalisation,
        NoiseSpec noise,
        Datasets datasets,
        Training training,
        List<EpochMetrics> history,
        TestQuality test,
        long parameters,
        String createdAt,
        String trainerVersion,
        Files files) {

    public static final int FORMAT_VERSION = 1;

    /** Shape the network was trained on; it accepts any sides that are multiples of {@code sideMultiple}. */
    public record InputSpec(int height, int width, int channels, String layout, int sideMultiple) {}

    /** How pixel values map to network inputs. */
    public record Normalisation(String description, double min, double max) {
        public static final Normalisation UNIT_RANGE =
                new Normalisation("8-bit grey level / 255; outputs are in the same range", 0, 1);
    }

    /** One data file the model saw, traceable by its checksum. */
    public record DataSource(String file, String sha256, int images) {}

    public record Datasets(DataSource training, DataSource validation, DataSource test) {}

    /**
     * How the network was trained.
     *
     * @param startedFrom the model whose weights this run started from (fine-tuning), or null for a
     *     run from freshly initialised weights
     */
    public record Training(
            int epochs,
            int epochsRun,
            int keptEpoch,
            int batchSize,
            double learningRate,
            String schedule,
            long seed,
            String engine,
            int patience,
            double medianSecondsPerEpoch,
            String command,
            StartedFrom startedFrom) {}

    /** The parent of a fine-tuned model: its version, how many epochs it had, and the command that trained it. */
    public record StartedFrom(String modelVersion, int epochsRun, double testPsnr, String command) {}

    /** Final quality on the test set: of the model, and of the noisy input as the baseline. */
    public record TestQuality(long noiseSeed, QualitySummary model, QualitySummary noisyInput) {}

    /** The network files and their SHA-256: the DL4J network, and the same network as an ONNX graph. */
    public record Files(String modelZip, String modelZipSha256, String modelOnnx, String modelOnnxSha256) {}

    /** A short identifier of this exact network: architecture plus the first 12 hex digits of its checksum. */
    public String modelVersion() {
        return architecture + "@" + files.modelZipSha256().substring(0, 12);
    }

    public ModelMetadata withFiles(Files newFiles) {
        return new ModelMetadata(
                formatVersion,
                architecture,
                input,
                normalisation,
                noise,
                datasets,
                training,
                history,
                test,
                parameters,
                createdAt,
                trainerVersion,
                newFiles);
    }
}
