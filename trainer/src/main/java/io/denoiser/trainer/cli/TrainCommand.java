package io.denoiser.trainer.cli;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ArtifactWriter;
import io.denoiser.model.artifact.ModelMetadata;
import io.denoiser.model.data.DataSources;
import io.denoiser.model.data.ImageSet;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.trainer.evaluation.NoisyPairs;
import io.denoiser.trainer.training.Checkpoints;
import io.denoiser.trainer.training.Engine;
import io.denoiser.trainer.training.LearningRate;
import io.denoiser.trainer.training.Trainer;
import io.denoiser.trainer.training.TrainingConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code train}: trains the network on clean images with added noise and writes a model artifact. */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Trains the denoising autoencoder and writes a model artifact folder.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--train-images",
            defaultValue = "data/mnist/train-images-idx3-ubyte",
            description =
                    "IDX image file (raw or .gz) or folder of PNG/JPEG images to train on. Default: ${DEFAULT-VALUE}")
    Path trainImages;

    @Option(
            names = "--test-images",
            defaultValue = "data/mnist/t10k-images-idx3-ubyte",
            description =
                    "Images for the final test figures, and for validation unless --validation-split is set. Default: ${DEFAULT-VALUE}")
    Path testImages;

    @Option(
            names = "--validation-split",
            defaultValue = "0",
            description =
                    "Fraction of the training images held out for validation; 0 validates on the test images. Default: ${DEFAULT-VALUE}")
    double validationSplit;

    @Option(
            names = "--output",
            defaultValue = "work/model",
            description = "Artifact folder to write. Default: ${DEFAULT-VALUE}")
    Path output;

    @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--batch-size", defaultValue = "128", description = "Default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(
            names = "--learning-rate",
            defaultValue = "0.001",
            description = "Adam's learning rate. Default: ${DEFAULT-VALUE}")
    double learningRate;

    @Option(
            names = "--schedule",
            defaultValue = "constant",
            description =
                    "Learning-rate schedule over epochs: constant, or cosine (down to 1%% at the last epoch). Default: ${DEFAULT-VALUE}")
    String schedule;

    @Option(
            names = "--noise",
            defaultValue = "gaussian:0.5",
            description =
                    "Noise added to the inputs: gaussian:F, salt-pepper:P or speckle:F. Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seeds weights, shuffling and noise. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--patience",
            defaultValue = "0",
            description =
                    "Stop after this many epochs without a better validation BCE and keep the best epoch; 0 trains every epoch and keeps the last. Default: ${DEFAULT-VALUE}")
    int patience;

    @Option(
            names = "--engine",
            defaultValue = "auto",
            description =
                    "auto (oneDNN where available), onednn, or plain (DL4J's built-in layers). Default: ${DEFAULT-VALUE}")
    String engine;

    @Option(names = "--checkpoints", description = "Checkpoint folder. Default: work/checkpoints/<output folder name>")
    Path checkpoints;

    @Option(
            names = "--resume",
            description = "Continue the run in the checkpoint folder (a finished run just writes the artifact).")
    boolean resume;

    @Option(
            names = "--until-epoch",
            description = "Stop after this epoch of the run (at most --epochs) and write the"
                    + " artifact; --resume goes on later. Default: --epochs")
    Integer untilEpoch;

    @Option(
            names = "--init-from",
            description = "Start from the weights of this model artifact (fine-tuning) instead"
                    + " of fresh ones; optimiser and learning-rate schedule start afresh.")
    Path initFrom;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N training images (0: all).")
    int limit;

    @Option(names = "--test-limit", defaultValue = "0", description = "Use only the first N test images (0: all).")
    int testLimit;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Optional<ArtifactLoader.LoadedModel> parent =
                Optional.ofNullable(initFrom).map(ArtifactLoader::load);
        TrainingConfig config = new TrainingConfig(
                epochs,
                batchSize,
                learningRate,
                LearningRate.parse(schedule),
                seed,
                NoiseSpec.parse(noise),
                patience,
                chooseEngine(),
                parent.map(p -> p.metadata().modelVersion()).orElse(null));
        ImageSet training = limited(DataSources.read(trainImages, 28, 28), limit);
        ImageSet test = limited(DataSources.read(testImages, training.width(), training.height()), testLimit);
        DataSplit split = DataSplit.of(training, test, validationSplit);
        NoisyPairs validation = NoisyPairs.of(split.validation(), config.noise(), NoisyPairs.DEFAULT_SEED);
        Checkpoints store = new Checkpoints(
                checkpoints != null
                        ? checkpoints
                        : Path.of(
                                "work",
                                "checkpoints",
                                output.toAbsolutePath()
                                        .normalize()
                                        .getFileName()
                                        .toString()));
        Trainer.Result result = new Trainer(
                        config, store, out, parent.map(p -> p.network().params()))
                .train(split.training(), validation, resume, untilEpoch != null ? untilEpoch : epochs);
        ArtifactContents contents = ArtifactContents.describe(
                config,
                result,
                split,
                test,
                command(),
                parent.map(p -> startedFrom(p.metadata())).orElse(null));
        ModelMetadata written =
                ArtifactWriter.write(output, result.network(), contents.metadata(), contents.pictures());
        out.printf(
                "test (%,d images, %s): model %s | noisy input %s%n",
                test.count(),
                config.noise(),
                written.test().model(),
                written.test().noisyInput());
        out.printf("wrote %s (model version %s)%n", output, written.modelVersion());
        return 0;
    }

    private Engine chooseEngine() {
        return switch (engine.toLowerCase(java.util.Locale.ROOT)) {
            case "auto" -> Engine.best();
            case "onednn" -> Engine.ONEDNN;
            case "plain" -> Engine.PLAIN;
            default -> throw new IllegalArgumentException("unknown engine '" + engine + "': use auto, onednn or plain");
        };
    }

    private static ModelMetadata.StartedFrom startedFrom(ModelMetadata parent) {
        return new ModelMetadata.StartedFrom(
                parent.modelVersion(),
                parent.training().epochsRun(),
                parent.test().model().psnr(),
                parent.training().command());
    }

    private static ImageSet limited(ImageSet images, int limit) {
        return limit > 0 ? images.first(limit) : images;
    }

    private String command() {
        return "denoiser-trainer "
                + String.join(" ", spec.commandLine().getParseResult().originalArgs());
    }
}
