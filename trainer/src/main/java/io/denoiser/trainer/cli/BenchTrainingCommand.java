package io.denoiser.trainer.cli;

import io.denoiser.model.data.DataSources;
import io.denoiser.model.network.OneDnnAcceleration;
import io.denoiser.trainer.training.Engine;
import io.denoiser.trainer.training.StepTimer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench-training}: training speed of each engine, the plain DL4J layers as the baseline. */
@Command(
        name = "bench-training",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Times training steps on each engine and projects seconds per 60,000-image epoch.")
final class BenchTrainingCommand implements Callable<Integer> {

    static final int EPOCH_IMAGES = 60_000;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--images",
            defaultValue = "data/fixtures/mnist-test-500-images-idx3-ubyte.gz",
            description = "Images to build the batch from. Default: ${DEFAULT-VALUE}")
    Path images;

    @Option(names = "--batch-size", defaultValue = "128", description = "Default: ${DEFAULT-VALUE}")
    int batchSize;

    @Option(names = "--warmup", defaultValue = "5", description = "Untimed steps first. Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--steps", defaultValue = "15", description = "Timed steps per engine. Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(
            names = "--engines",
            defaultValue = "plain,onednn",
            split = ",",
            description = "Engines to time; the first is the baseline. Default: ${DEFAULT-VALUE}")
    List<String> engines;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StepTimer timer = new StepTimer(DataSources.read(images, 28, 28), batchSize);
        out.printf(
                Locale.ROOT,
                "batch %d, %d warm-up + %d timed steps per engine, %d cores, oneDNN %s%n%n",
                batchSize,
                warmup,
                steps,
                Runtime.getRuntime().availableProcessors(),
                OneDnnAcceleration.available() ? "available" : "not available");
        out.printf(
                Locale.ROOT,
                "%-8s %14s %10s %14s %9s%n",
                "engine",
                "median ms/step",
                "images/s",
                "s/60k epoch",
                "speed-up");
        List<Double> medians = new ArrayList<>();
        for (String name : engines) {
            Engine engine = Engine.valueOf(name.trim().toUpperCase(Locale.ROOT));
            double millis = timer.medianMillis(engine, warmup, steps);
            medians.add(millis);
            out.printf(
                    Locale.ROOT,
                    "%-8s %14.1f %10.0f %14.1f %8.2fx%n",
                    engine.label(),
                    millis,
                    batchSize * 1000 / millis,
                    Math.ceil((double) EPOCH_IMAGES / batchSize) * millis / 1000,
                    medians.get(0) / millis);
        }
        return 0;
    }
}
