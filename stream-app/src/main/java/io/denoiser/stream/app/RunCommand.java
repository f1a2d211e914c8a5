package io.denoiser.stream.app;

import io.denoiser.stream.config.ConfigSources;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: denoises the input topic until stopped. Parses the settings, loads the model, builds the
 * topology and runs the lifecycle; a setting, artifact or start-up that is wrong ends it with one line on
 * stderr and exit code 1, never a stack trace.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Denoises the noisy images of the input topic until stopped (Ctrl-C or SIGTERM).",
        footer = {
            "",
            "Settings come from the --config file, then the environment (DENOISER_<KEY>, such as"
                    + " DENOISER_MAX_BATCH_SIZE=64; DENOISER_KAFKA_<KEY> for Kafka's keys), then these options;"
                    + " later ones win. Keys the app does not define pass through to Kafka Streams. The README"
                    + " lists every key.",
            "",
            "Exit codes: 0 stopped on request; 1 could not start, or stopped after an error; 2 bad usage."
        })
final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            paramLabel = "<file.properties>",
            description = "Settings file (Java properties): the app's keys and any Kafka setting.")
    Path configFile;

    @Option(
            names = "--model",
            paramLabel = "<dir>",
            description = "Model artifact folder (model.dir)." + " Default: models/default")
    Path model;

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "<host:port,...>",
            description = "Kafka brokers (bootstrap.servers). Default: localhost:9092")
    String bootstrapServers;

    private final Map<String, String> environment;

    RunCommand(Map<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    /** Refusals (a bad setting, model or broker) reach {@link StreamAppCli}'s one-line handler. */
    @Override
    public Integer call() throws InterruptedException {
        return run(StreamAppConfig.from(settings()));
    }

    /**
     * A stop on request (SIGTERM, Ctrl-C) closes the app from the signal's thread; {@link StreamAppLifecycle#awaitStop}
     * then returns here, and the process exits with 0 once the close has finished ({@link StopSignals} says why
     * not from a shutdown hook). A request that comes while the model is still loading closes the app as soon as it
     * exists, and it never starts.
     */
    private int run(StreamAppConfig config) throws InterruptedException {
        CompletableFuture<Void> stopRequested = new CompletableFuture<>();
        StopSignals signals = StopSignals.install(() -> stopRequested.complete(null));
        try (StreamAppLifecycle app = StreamApp.assemble(config)) {
            // closes the app in the signal's thread, or here at once when the request came while the model loaded
            CompletableFuture<Void> unusedCloseOnRequest = stopRequested.thenRun(app::close);
            Thread hook = new Thread(app::close, "denoiser-stream-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                app.start();
                Optional<Throwable> error = app.awaitStop();
                return error.map(e -> failure("stopped after an error: " + app.explain(e)))
                        .orElse(0);
            } finally {
                removeQuietly(hook);
            }
        } finally {
            signals.close();
        }
    }

    private Map<String, String> settings() {
        Map<String, String> settings = ConfigSources.merge(configFile, environment);
        if (model != null) {
            settings.put(StreamAppConfigDef.MODEL_DIR_CONFIG, model.toString());
        }
        if (bootstrapServers != null) {
            settings.put(StreamAppConfigDef.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        return settings;
    }

    private int failure(String message) {
        spec.commandLine().getErr().println("denoiser-stream: " + message);
        return 1;
    }

    /** A hook cannot be removed once the JVM is shutting down, which is fine: it is running or has run. */
    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // nothing to undo
        }
    }
}
