package io.denoiser.tools.commands;

import io.denoiser.broker.EmbeddedKafkaBroker;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code broker}: the same one-node KRaft broker that the demo and the benchmark start in their own process, in a
 * process of its own, until Ctrl-C or SIGTERM. Why: a local broker without Docker, and one whose CPU is not the
 * app's ({@code bench --bootstrap-servers}, docs/BENCHMARKS.md).
 */
@Command(
        name = "broker",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Runs a one-node Kafka broker (KRaft) on this machine until Ctrl-C; a broker for the other"
                + " commands' --bootstrap-servers, with no Docker needed.",
        footer = {"", "Example: ./denoiser broker --port 9092 & ./denoiser bench --bootstrap-servers localhost:9092"})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Port for clients. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(
            names = "--log-dir",
            paramLabel = "<dir>",
            description = "Where the broker keeps its data, kept after it stops. Default: a temporary folder,"
                    + " deleted when it stops")
    Path logDir;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().port(port);
        if (logDir != null) {
            builder.logDir(logDir);
        }
        long start = System.nanoTime();
        EmbeddedKafkaBroker broker = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "denoiser-broker-shutdown"));
        out.printf(
                Locale.ROOT,
                "broker   Kafka (KRaft) at %s, ready after %.1f s; Ctrl-C stops it%n",
                broker.bootstrapServers(),
                (System.nanoTime() - start) / 1e9);
        out.flush();
        stopped.await();
        return 0;
    }
}
