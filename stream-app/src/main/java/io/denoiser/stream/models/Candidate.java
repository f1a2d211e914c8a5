package io.denoiser.stream.models;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model offered to serve: its artifact folder, where it was offered (for the log), and whether the quality gate
 * is waived ({@code --force}, a rollback, or a version a pointer file names: the checksums, shapes and runtime
 * agreement are checked all the same).
 */
public record Candidate(Path folder, String source, boolean force) {

    public Candidate {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(source, "source");
    }
}
