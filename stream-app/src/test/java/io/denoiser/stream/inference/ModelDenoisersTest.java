package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.artifact.ArtifactException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the refusal path: loading a real network needs a trained artifact and ND4J's native libraries. */
class ModelDenoisersTest {

    @TempDir
    Path folder;

    @Test
    void shouldRefuseAFolderThatIsNoArtifactNamingIt() {
        Path notAnArtifact = folder.resolve("no-model-here");

        assertThatThrownBy(() -> ModelDenoisers.load(notAnArtifact, 0))
                .isInstanceOf(ArtifactException.class)
                .hasMessageContaining(notAnArtifact.toString());
    }
}
