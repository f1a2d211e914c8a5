package io.denoiser.tools.commands;

import io.denoiser.model.console.ProgressBar;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.tools.ClientOptions;
import io.denoiser.tools.ReconstructionFiles;
import io.denoiser.tools.ReconstructionReader;
import io.denoiser.tools.ReconstructionStats;
import io.denoiser.tools.TopicReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.IsolationLevel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code consume}: reconstructions → PNG files and a JSON-lines summary, with their quality. */
@Command(
        name = "consume",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Reads reconstructions and writes each as <output>/<id>.png, plus <output>/summary.jsonl;"
                + " prints mean PSNR/SSIM where the noisy images carried references.",
        footer = {
            "",
            "Exit codes: 0 got --count records (or read until --timeout when --count is 0);"
                    + " 1 fewer arrived in time, or an error.",
            "Example: ./denoiser consume --count 100 --output work/consumed"
        })
final class ConsumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ClientOptions client;

    @Option(names = "--topic", description = "Default: ${DEFAULT-VALUE}")
    String topic = TopicNames.DEFAULT.output();

    @Option(
            names = "--count",
            defaultValue = "0",
            description = "Stop after this many records; 0: read until" + " --timeout.")
    int count;

    @Option(
            names = "--timeout",
            defaultValue = "60",
            paramLabel = "<seconds>",
            description = "Stop after this long in any case. Default: ${DEFAULT-VALUE}")
    double timeoutSeconds;

    @Option(
            names = "--from",
            paramLabel = "earliest|latest",
            description = "Read the topic from its beginning, or only what arrives from now on. Default: earliest")
    TopicReader.StartAt from = TopicReader.StartAt.EARLIEST;

    @Option(
            names = "--isolation-level",
            paramLabel = "read_committed|read_uncommitted",
            description = "read_committed (the default, unless --client-config sets isolation.level) shows only what"
                    + " the app committed; read_uncommitted also shows the records of transactions it aborted, which"
                    + " an exactly_once_v2 app leaves in the topic after a crash or a fail-over.")
    IsolationLevel isolation;

    @Option(
            names = "--output",
            defaultValue = "work/consumed",
            paramLabel = "<dir>",
            description = "Folder for the PNG files and summary.jsonl. Default: ${DEFAULT-VALUE}")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Duration timeout = Duration.ofMillis(Math.round(timeoutSeconds * 1000));
        Map<String, Object> properties = client.properties();
        if (isolation != null) {
            properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation.toString());
        }
        try (ReconstructionReader reader = ReconstructionReader.open(properties, topic, from);
                ReconstructionFiles files = ReconstructionFiles.create(output)) {
            // with no count there is no end to show progress towards: the bar then runs against the timeout
            long total = count > 0 ? count : timeout.toSeconds();
            ProgressBar progress = new ProgressBar(out, "consume", total, "img");
            long start = System.nanoTime();
            var received = reader.read(count, timeout, record -> {
                files.write(record);
                long done = count > 0 ? files.written() : (System.nanoTime() - start) / 1_000_000_000L;
                progress.update(Math.min(done, total), files.written(), "");
            });
            progress.finish();
            ReconstructionStats stats = ReconstructionStats.of(received);
            out.printf(
                    Locale.ROOT,
                    "consumed %,d reconstructions from %s into %s (PNG files, summary.jsonl)%n",
                    stats.count(),
                    topic,
                    output);
            out.println(stats.quality());
            if (count > 0 && stats.count() < count) {
                spec.commandLine()
                        .getErr()
                        .printf(
                                Locale.ROOT,
                                "denoiser consume: only %,d of %,d reconstructions arrived within %.0f s%n",
                                stats.count(),
                                count,
                                timeoutSeconds);
                return 1;
            }
        }
        return 0;
    }
}
