package io.denoiser.tools.commands;

import io.denoiser.model.console.ProgressBar;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.testkit.NoisyRecords;
import io.denoiser.testkit.SourceImage;
import io.denoiser.tools.ClientOptions;
import io.denoiser.tools.ImageInputs;
import io.denoiser.tools.Pacer;
import io.denoiser.tools.RecordPublisher;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code publish}: images from files, folders or IDX files → noisy-image records on the input topic. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Publishes images to the noisy-image topic, optionally adding noise (the clean image then"
                + " goes along as the reference, so the app scores its reconstruction).",
        footer = {
            "",
            "Example: ./denoiser publish data/fixtures/mnist-test-500-images-idx3-ubyte.gz"
                    + " --noise gaussian:0.5 --count 100 --rate 50"
        })
final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Parameters(
            arity = "1..*",
            paramLabel = "<path>",
            description = "PNG/JPEG files (sent at their own size, as grey), folders of them, or IDX image files"
                    + " (raw or .gz).")
    List<Path> paths;

    @Option(names = "--topic", description = "Default: ${DEFAULT-VALUE}")
    String topic = TopicNames.DEFAULT.input();

    @Option(
            names = "--noise",
            defaultValue = "none",
            description = "Noise to add: gaussian:F, salt-pepper:P, speckle:F, or none. Default: ${DEFAULT-VALUE}")
    String noise;

    @Option(names = "--seed", defaultValue = "1", description = "Seeds the noise. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(
            names = "--count",
            defaultValue = "0",
            description = "Images to send: 0 for all; more than there are sends them again under new ids.")
    int count;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "<images/s>",
            description = "At most this many images per second; 0 for as fast as the broker takes them.")
    double rate;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        NoisyRecords records = new NoisyRecords(NoiseSpec.parse(noise), seed);
        List<SourceImage> images = ImageInputs.read(paths, count);
        try (RecordPublisher publisher = RecordPublisher.open(client.properties(), topic)) {
            ProgressBar progress = new ProgressBar(out, "publish", images.size(), "img");
            RecordPublisher.Summary sent =
                    publisher.publish(images, records, new Pacer(rate), n -> progress.update(n, n, ""));
            progress.finish();
            out.printf(
                    Locale.ROOT,
                    "published %,d images to %s in %.1f s (%,.0f images/s)%s%n",
                    sent.images(),
                    topic,
                    sent.seconds(),
                    sent.perSecond(),
                    records.addsNoise() ? ", noise " + records.noise() + ", clean images as references" : "");
        }
        return 0;
    }
}
