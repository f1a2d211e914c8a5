package io.denoiser.stream.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A folder of its own per test run under {@code target/reliability/}, kept after the build: the settings, the log of
 * every app process and its state folders, to read when a run failed or to see what the app said.
 */
final class RunFolder {

    private RunFolder() {}

    static Path of(String test, String run) {
        Path folder = Path.of("target", "reliability", test + "-" + run).toAbsolutePath();
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
