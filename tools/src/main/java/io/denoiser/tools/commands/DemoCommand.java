package io.denoiser.tools.commands;

import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.tools.ClientOptions;
import io.denoiser.tools.ToolException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole system in one process, from noisy images to reconstructions, with figures. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Starts an in-process Kafka broker (or uses yours), runs the stream app with a model, publishes"
                    + " noisy MNIST digits, reads the reconstructions and the dead letters, and prints throughput,"
                    + " latency and quality; writes a picture of noisy / denoised / clean digits."
        },
        footer = {
            "",
            "Exit codes: 0 every image came back and the one malformed record became a dead letter;"
                    + " 1 otherwise, with the reason."
        })
final class DemoCommand implements Callable<Integer> {

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
            defaultValue = "onnx",
            description = "Inference runtime: onnx, dl4j or dl4j-plain." + " Default: ${DEFAULT-VALUE}")
    String runtime;

    @Option(
            names = "--images",
            defaultValue = "data/fixtures/mnist-test-500-images-idx3-ubyte.gz",
            paramLabel = "<path>",
            description = "Clean images: IDX file, PNG/JPEG files or a folder." + " Default: ${DEFAULT-VALUE}")
    Path images;

    @Option(
            names = "--count",
            defaultValue = "500",
            description = "Images to send (repeated if there are fewer)." + " Default: ${DEFAULT-VALUE}")
    int count;

    @Option(
            names = "--noise",
            defaultValue = "gaussian:0.5",
            description = "Noise added before publishing." + " Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--partitions", defaultValue = "2", description = "Partitions per topic. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(
            names = "--timeout",
            defaultValue = "90",
            paramLabel = "<seconds>",
            description = "Give up waiting for reconstructions after this long. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @Option(
            names = "--output",
            defaultValue = "work/demo",
            paramLabel = "<dir>",
            description = "Where the picture goes. Default: ${DEFAULT-VALUE}")
    Path output;

    @Option(
            names = "--http-port",
            defaultValue = "0",
            paramLabel = "<port>",
            description = "Port of the app's live page, metrics and health (http.port); 0 takes a free one."
                    + " Default: ${DEFAULT-VALUE}")
    int httpPort;

    @Option(
            names = "--linger",
            defaultValue = "0",
            paramLabel = "<seconds>",
            description = "Keep the app and its live page up this long after the figures. Default: ${DEFAULT-VALUE}")
    int lingerSeconds;

    @Override
    public Integer call() {
        if (count < 1) {
            throw new ToolException("--count must be at least 1, got " + count);
        }
        Demo.Settings settings = new Demo.Settings(
                model,
                runtime,
                images,
                count,
                NoiseSpec.parse(noise),
                partitions,
                Duration.ofSeconds(timeoutSeconds),
                output,
                httpPort,
                Duration.ofSeconds(Math.max(0, lingerSeconds)));
        Demo.Outcome outcome = new Demo(settings, client, spec.commandLine().getOut()).run();
        return outcome.failure().map(this::failure).orElse(0);
    }

    private int failure(String message) {
        spec.commandLine().getErr().println("denoiser demo: " + message);
        return 1;
    }
}
