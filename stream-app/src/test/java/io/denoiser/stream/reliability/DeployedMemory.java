package io.denoiser.stream.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The memory settings of a deployment, read from the project's Dockerfile (the stream-app image's {@code JAVA_OPTS})
 * and docker-compose.yml (the app's {@code mem_limit}), so that a test runs the app as its own process with the JVM
 * options and the memory the image would have: {@code -XX:MaxRAM} set to the container's limit makes the JVM size
 * its heap ({@code MaxRAMPercentage}) as it would inside it.
 */
final class DeployedMemory {

    private static final Pattern STREAM_APP_JAVA_OPTS =
            Pattern.compile("AS stream-app\\b.*?JAVA_OPTS=\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern APP_MEM_LIMIT =
            Pattern.compile("^  denoiser:$.*?^    mem_limit: (\\S+)$", Pattern.DOTALL | Pattern.MULTILINE);

    private DeployedMemory() {}

    /** The project's root: two levels above the model the integration tests serve ({@code models/default}). */
    static Path projectRoot() {
        return AppSettings.modelDir().toAbsolutePath().getParent().getParent();
    }

    /** The stream-app image's {@code JAVA_OPTS}, word by word. */
    static List<String> dockerfileJavaOptions() {
        Matcher options = STREAM_APP_JAVA_OPTS.matcher(read(projectRoot().resolve("Dockerfile")));
        if (!options.find()) {
            throw new IllegalStateException("the Dockerfile's stream-app stage sets no JAVA_OPTS");
        }
        return List.of(options.group(1).trim().split("\\s+"));
    }

    /** docker-compose.yml's {@code mem_limit} of the app, e.g. {@code 2g}. */
    static String composeMemoryLimit() {
        Matcher limit = APP_MEM_LIMIT.matcher(read(projectRoot().resolve("docker-compose.yml")));
        if (!limit.find()) {
            throw new IllegalStateException("docker-compose.yml sets no mem_limit for the denoiser service");
        }
        return limit.group(1);
    }

    /** {@code 2g} in bytes. */
    static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kmg]?)b?").matcher(size.toLowerCase(java.util.Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: " + size);
        }
        long value = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "k" -> value << 10;
            case "m" -> value << 20;
            case "g" -> value << 30;
            default -> value;
        };
    }

    /**
     * The JVM options of the image under compose's memory limit: the Dockerfile's {@code JAVA_OPTS} and
     * {@code -XX:MaxRAM=<mem_limit>}, plus {@code extra}.
     */
    static List<String> jvmOptionsUnderTheLimit(String... extra) {
        List<String> options = new ArrayList<>(dockerfileJavaOptions());
        options.add("-XX:MaxRAM=" + bytes(composeMemoryLimit()));
        options.addAll(List.of(extra));
        return options;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
