package io.denoiser.stream.models;

import io.denoiser.model.artifact.ModelArtifact;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A model repository folder: {@code model.dir} pointing at a folder of artifact versions (each a sub-folder with
 * its {@code model.json}) rather than at one artifact. The version to serve is the one the pointer file
 * {@value #POINTER} names (one line: the sub-folder's name), else the newest: the one whose {@code model.json} was
 * written last (the trainer writes it last, so a folder with it is complete). A version named by the pointer is an
 * operator's explicit choice (a rollback, say) and passes without the quality gate; the newest goes through it.
 */
public final class ModelRepository {

    public static final String POINTER = "CURRENT";

    private final Path folder;

    private ModelRepository(Path folder) {
        this.folder = folder;
    }

    /**
     * The repository at {@code folder}, or empty when {@code folder} is one artifact: it has a model.json, or the
     * files of a network without one (a damaged artifact, which loading it says).
     */
    public static Optional<ModelRepository> at(Path folder) {
        if (Files.isRegularFile(ModelArtifact.metadata(folder))
                || Files.exists(ModelArtifact.network(folder))
                || Files.exists(ModelArtifact.onnx(folder))
                || !Files.isDirectory(folder)) {
            return Optional.empty();
        }
        return Optional.of(new ModelRepository(folder));
    }

    public Path folder() {
        return folder;
    }

    /** Which version to serve and why; {@code stamp} changes when the version's metadata is rewritten. */
    public record Choice(Path version, boolean named, FileTime stamp) {

        public Candidate candidate(Path repository) {
            return new Candidate(
                    version, "model repository " + repository + (named ? " (" + POINTER + ")" : " (newest)"), named);
        }
    }

    /** The version the pointer names, else the newest; empty when the repository holds none. */
    public Optional<Choice> wanted() {
        Optional<Path> named = named();
        if (named.isPresent()) {
            return Optional.of(new Choice(named.get(), true, stamp(named.get())));
        }
        List<Path> versions = versionsNewestFirst();
        return versions.isEmpty()
                ? Optional.empty()
                : Optional.of(new Choice(versions.get(0), false, stamp(versions.get(0))));
    }

    /** Every complete version, the newest first (ties broken by name, the greater first). */
    public List<Path> versionsNewestFirst() {
        try (Stream<Path> children = Files.list(folder)) {
            List<Path> versions =
                    new ArrayList<>(children.filter(child -> Files.isRegularFile(ModelArtifact.metadata(child)))
                            .toList());
            versions.sort(Comparator.comparing(ModelRepository::stamp)
                    .thenComparing(Path::getFileName)
                    .reversed());
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the model repository " + folder + ": " + e.getMessage(), e);
        }
    }

    private Optional<Path> named() {
        Path pointer = folder.resolve(POINTER);
        if (!Files.isRegularFile(pointer)) {
            return Optional.empty();
        }
        try {
            String name = Files.readString(pointer, StandardCharsets.UTF_8).strip();
            if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                throw new IllegalStateException(
                        pointer + " must name a version folder of " + folder + ", not '" + name + "'");
            }
            return Optional.of(folder.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
    }

    private static FileTime stamp(Path version) {
        try {
            return Files.getLastModifiedTime(ModelArtifact.metadata(version));
        } catch (IOException e) {
            return FileTime.fromMillis(0); // missing: the check refuses it with the reason
        }
    }
}
