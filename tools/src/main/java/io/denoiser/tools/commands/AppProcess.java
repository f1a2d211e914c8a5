package io.denoiser.tools.commands;

import io.denoiser.stream.app.StreamAppCli;
import io.denoiser.tools.ToolException;
import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The stream app under test in a JVM of its own, started as {@code ./denoiser run --config FILE} would start it, so
 * that the CPU time of its process is the app's alone: not the benchmark's producer and consumer, nor the broker's.
 * It runs with this JVM's options and class path, and its output goes to a file beside its settings.
 */
final class AppProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final Path log;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Writes {@code settings} to {@code folder}/app.properties and starts the app on them.
     *
     * @param settings as {@code run --config} takes them
     */
    static AppProcess start(Map<String, String> settings, Path folder) {
        try {
            Files.createDirectories(folder);
            Path config = folder.resolve("app.properties");
            Properties properties = new Properties();
            properties.putAll(settings);
            try (Writer writer = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                properties.store(writer, "the app under test of ./denoiser bench");
            }
            Path log = folder.resolve("app.log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(StreamAppCli.class.getName());
            command.add("run");
            command.add("--config");
            command.add(config.toString());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            return new AppProcess(process, log);
        } catch (IOException e) {
            throw new ToolException("cannot start the app in a process of its own: " + e.getMessage(), e);
        }
    }

    /** CPU time (user and system, all threads) the process has used so far. */
    long cpuNanos() {
        return process.toHandle()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElseThrow(() -> new ToolException("this system does not tell the CPU time of the app's process"));
    }

    /** Fails with the exit code and where its output is when the app is no longer running. */
    void requireRunning() {
        if (!process.isAlive()) {
            throw new ToolException(
                    "the app's process exited with code " + process.exitValue() + "; its output is in " + log);
        }
    }

    /** Stops the app as SIGTERM does in production (a clean close), forcibly if that takes too long. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
