package io.denoiser.trainer.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * A folder holding a run's checkpoints: {@code last.zip} (network and updater after the latest epoch),
 * {@code best.zip} (the best validation BCE so far) and {@code state.json}. Each file is written to a
 * temporary name and moved into place, so a crash mid-write leaves the previous checkpoint intact.
 */
public final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    public Checkpoints(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path last() {
        return folder.resolve("last.zip");
    }

    public Path best() {
        return folder.resolve("best.zip");
    }

    private Path state() {
        return folder.resolve("state.json");
    }

    private Path config() {
        return folder.resolve("config.json");
    }

    public Optional<TrainingConfig> readConfig() {
        if (!Files.exists(config())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(config().toFile(), TrainingConfig.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint config " + config() + ": " + e.getMessage(), e);
        }
    }

    public void saveConfig(TrainingConfig config) {
        try {
            Files.createDirectories(folder);
            JSON.writeValue(config().toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config() + ": " + e.getMessage(), e);
        }
    }

    public Optional<TrainingState> readState() {
        if (!Files.exists(state()) || !Files.exists(last())) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(state().toFile(), TrainingState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint state " + state() + ": " + e.getMessage(), e);
        }
    }

    public MultiLayerNetwork restore(Path zip) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore checkpoint " + zip + ": " + e.getMessage(), e);
        }
    }

    /** Saves the network after an epoch, and as the best one when {@code state} says it is. */
    public void save(MultiLayerNetwork network, TrainingState state) {
        try {
            Files.createDirectories(folder);
            writeNetwork(network, last());
            if (state.improvedAt(state.epochsDone())) {
                Files.copy(last(), best(), StandardCopyOption.REPLACE_EXISTING);
            }
            Path temporary = folder.resolve("state.json.tmp");
            JSON.writeValue(temporary.toFile(), state);
            Files.move(temporary, state(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint into " + folder + ": " + e.getMessage(), e);
        }
    }

    private static void writeNetwork(MultiLayerNetwork network, Path target) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        ModelSerializer.writeModel(network, temporary.toFile(), true);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
