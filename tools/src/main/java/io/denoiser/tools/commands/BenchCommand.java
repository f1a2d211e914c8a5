package io.denoiser.tools.commands;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.tools.ClientOptions;
import io.denoiser.tools.RawModelThroughput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: end-to-end throughput at saturation and latency under load, per runtime and batching setting. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Measures the whole path (publish -> broker -> stream app -> broker -> consumer, all in this"
                    + " process unless --bootstrap-servers names a broker, the app then in a JVM of its own): throughput at saturation, then latency"
                    + " p50/p95/p99 at fractions of it, for each runtime and batching setting. Writes bench.md, bench.json and"
                    + " latency-vs-load.png."
        },
        footer = {"", "Example: ./denoiser bench --runtime onnx,dl4j-plain --max-batch-size 1,8,32,128"})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(
            names = "--model",
            defaultValue = "models/default",
            paramLabel = "<dir>",
            description = "Model artifact folder. Default: ${DEFAULT-VALUE}")
    Path model;

    @Option(
            names = "--runtime",
            split = ",",
            defaultValue = "onnx",
            description = "Runtimes to measure (comma-separated): onnx, dl4j, dl4j-plain. Default: ${DEFAULT-VALUE}")
    List<String> runtimes;

    @Option(
            names = "--images",
            defaultValue = "data/fixtures/mnist-test-500-images-idx3-ubyte.gz",
            paramLabel = "<path>",
            description = "Images to send, repeated as needed. Default: ${DEFAULT-VALUE}")
    Path images;

    @Option(
            names = "--max-batch-size",
            split = ",",
            defaultValue = "" + StreamAppConfigDef.DEFAULT_MAX_BATCH_SIZE,
            description = "Batch sizes to measure (comma-separated). Default: ${DEFAULT-VALUE}")
    List<Integer> batchSizes;

    @Option(
            names = "--max-batch-delay-ms",
            split = ",",
            defaultValue = "" + StreamAppConfigDef.DEFAULT_MAX_BATCH_DELAY_MS,
            description = "Batch delays to measure (comma-separated); every size is run with every delay."
                    + " Default: ${DEFAULT-VALUE}")
    List<Long> batchDelays;

    @Option(
            names = "--saturation-images",
            defaultValue = "15000",
            description = "Images sent unpaced to find the saturation throughput. Default: ${DEFAULT-VALUE}")
    int saturationImages;

    @Option(
            names = "--warm-up-images",
            defaultValue = "10000",
            description =
                    "Images sent unpaced before each setting is measured: with the broker, the clients and the app"
                            + " in one JVM, the JIT compiles hot code for tens of seconds (docs/BENCHMARKS.md)."
                            + " Default: ${DEFAULT-VALUE}")
    int warmUpImages;

    @Option(
            names = "--loads",
            split = ",",
            defaultValue = "25,50,75",
            paramLabel = "<percent>",
            description = "Offered loads, in percent of the saturation throughput. Default: ${DEFAULT-VALUE}")
    List<Integer> loadPercents;

    @Option(
            names = "--load-seconds",
            defaultValue = "15",
            description = "How long each load runs. Default: ${DEFAULT-VALUE}")
    int loadSeconds;

    @Option(
            names = "--rounds",
            defaultValue = "1",
            description = "Measure every setting this many times, the settings in turn, and report the median of each"
                    + " figure: spreads the JVM's warm-up drift over all settings. Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--partitions", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "Any other setting of the app (as `run` takes"
                    + " it), e.g. --set num.stream.threads=2; repeatable.")
    Map<String, String> appSettings = new LinkedHashMap<>();

    @Option(
            names = "--vary",
            paramLabel = "KEY=V1,V2,...",
            description = "One more setting of the app to compare, measured at each of these values in the same run"
                    + " (every value with every runtime, size and delay), e.g. --vary preferred.batch.size=8,16.")
    String vary;

    @Option(
            names = "--samples",
            description = "Also write every image's latency, in the order they arrived, per phase: <output>/samples/"
                    + "<round>-<setting>-<phase>.csv (sent at, latency, the part before the flush, batch size,"
                    + " partition), to see when a tail happens.")
    boolean samples;

    @Option(
            names = "--references",
            description = "Send clean references along, so the app also computes PSNR/SSIM"
                    + " per image (off: production traffic has no references).")
    boolean references;

    @Option(
            names = "--raw-model-seconds",
            defaultValue = "10",
            description = "How long the model alone is measured first, in this JVM, after a warm-up of half as long"
                    + " (the median of 5 windows); every saturation figure is then also given as a fraction of it."
                    + " 0 skips it. Default: ${DEFAULT-VALUE}")
    int rawModelSeconds;

    @Option(
            names = "--output",
            defaultValue = "work/bench",
            paramLabel = "<dir>",
            description = "Where bench.md, bench.json and latency-vs-load.png go. Default: ${DEFAULT-VALUE}")
    Path output;

    @Override
    public Integer call() {
        ArtifactLoader.readMetadata(model);
        if (rawModelSeconds < 0) {
            throw new IllegalArgumentException("--raw-model-seconds must not be negative, not " + rawModelSeconds);
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, not " + rounds);
        }
        List<Map<String, String>> varied = VariedSetting.parse(vary);
        List<Bench.Variant> variants = new ArrayList<>();
        for (String runtime : runtimes) {
            for (int size : batchSizes) {
                for (long delay : batchDelays) {
                    for (Map<String, String> setting : varied) {
                        variants.add(new Bench.Variant(runtime, size, delay, setting));
                    }
                }
            }
        }
        Bench.Settings settings = new Bench.Settings(
                model,
                images,
                warmUpImages,
                saturationImages,
                Duration.ofSeconds(loadSeconds),
                loadPercents,
                variants,
                rounds,
                partitions,
                references,
                appSettings,
                rawModelSeconds > 0
                        ? new RawModelThroughput.Plan(
                                Duration.ofMillis(rawModelSeconds * 500L), Duration.ofMillis(rawModelSeconds * 200L), 5)
                        : null,
                samples ? createDirectories(output.resolve("samples")) : null);
        var out = spec.commandLine().getOut();
        try (ToolBroker broker = ToolBroker.startOrUse(client, out)) {
            Bench.Outcome outcome = new Bench(settings, broker, out).run();
            BenchReport.write(settings, outcome, output, out);
        }
        return 0;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
