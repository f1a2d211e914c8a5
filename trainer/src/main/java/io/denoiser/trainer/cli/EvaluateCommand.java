package io.denoiser.trainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.data.DataSources;
import io.denoiser.model.data.ImageSet;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.network.OneDnnAcceleration;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.trainer.evaluation.Evaluation;
import io.denoiser.trainer.evaluation.NoisyPairs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code evaluate}: a model against the noisy input, a median filter and the best Gaussian blur. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Measures a model artifact and simple baselines on noisy images: BCE, PSNR and SSIM.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--model",
            defaultValue = "models/default",
            description = "Model artifact folder. Default: ${DEFAULT-VALUE}")
    Path model;

    @Option(
            names = "--images",
            defaultValue = "data/mnist/t10k-images-idx3-ubyte",
            description = "IDX image file (raw or .gz) or folder of PNG/JPEG images. Default: ${DEFAULT-VALUE}")
    Path images;

    @Option(names = "--noise", defaultValue = "gaussian:0.5", description = "Noise to add. Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--seed", description = "Seed of the noise. Default: the seed the trainer's test figures use.")
    Long seed;

    @Option(names = "--limit", defaultValue = "0", description = "Use only the first N images (0: all).")
    int limit;

    @Option(names = "--json", description = "Also write the report as JSON to this file.")
    Path json;

    @Option(
            names = "--engine",
            defaultValue = "auto",
            description = "auto (oneDNN where available) or plain. Default: ${DEFAULT-VALUE}")
    String engine;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ArtifactLoader.LoadedModel loaded = ArtifactLoader.load(model);
        if (engine.equals("auto") && OneDnnAcceleration.available()) {
            OneDnnAcceleration.install(loaded.network());
        } else if (!engine.equals("plain") && !engine.equals("auto")) {
            throw new IllegalArgumentException("unknown engine '" + engine + "': use auto or plain");
        }
        var input = loaded.metadata().input();
        ImageSet data = DataSources.read(images, input.width(), input.height());
        if (limit > 0) {
            data = data.first(limit);
        }
        NoisyPairs pairs = NoisyPairs.of(data, NoiseSpec.parse(noise), seed != null ? seed : NoisyPairs.DEFAULT_SEED);
        Evaluation.Report report = Evaluation.run(data.source(), pairs, new Dl4jDenoiser(loaded.network()));
        out.printf(
                "%s on %,d images of %s with %s noise (seed %d)%n%n",
                loaded.metadata().modelVersion(), report.images(), report.data(), report.noise(), report.noiseSeed());
        out.print(report.table());
        if (json != null) {
            writeJson(report);
            out.println("\nwrote " + json);
        }
        return 0;
    }

    private void writeJson(Evaluation.Report report) {
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json + ": " + e.getMessage(), e);
        }
    }
}
