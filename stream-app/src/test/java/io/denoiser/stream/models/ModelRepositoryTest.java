package io.denoiser.stream.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ModelArtifact;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.fixtures.ModelVersions;
import io.denoiser.stream.inference.ModelLease;
import io.denoiser.stream.inference.ModelRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** model.dir as a folder of versions: the newest valid one serves, or the one CURRENT names. */
class ModelRepositoryTest {

    @TempDir
    Path repository;

    @TempDir
    Path stateDir;

    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void shouldServeTheNewestVersionThenSwapToNewerOnesRefuseWorseOnesAndFollowThePointer() throws IOException {
        // given: two versions, the second newer
        String v1 = version(stamped(ModelVersions.copyOfShipped(repository.resolve("v1")), 1));
        String v2 = version(stamped(ModelVersions.perturbed(repository.resolve("v2"), 1e-3, 11), 2));

        try (ModelService service = ModelService.start(config(), 1, recorder())) {
            RepositoryWatch watch = RepositoryWatch.start(
                    ModelRepository.at(repository).orElseThrow(),
                    service.rollout(),
                    ModelRepository.at(repository).orElseThrow().wanted(),
                    Duration.ofHours(1));
            try (watch) {
                // then: the newest serves from the start
                assertThat(service.rollout().version()).isEqualTo(v2);
                assertThat(watch.poll()).isEqualTo(ModelRollout.Outcome.ALREADY_SERVING);

                // when: a newer, good version appears
                String v3 = version(stamped(ModelVersions.perturbed(repository.resolve("v3"), 1e-3, 12), 3));
                assertThat(watch.poll()).isEqualTo(ModelRollout.Outcome.SWAPPED);
                assertThat(leasedVersion(service)).isEqualTo(v3);

                // when: a newer, much worse version appears
                stamped(ModelVersions.barelyTrained(repository.resolve("v4")), 4);
                assertThat(watch.poll()).isEqualTo(ModelRollout.Outcome.REFUSED);
                assertThat(watch.poll())
                        .as("a refused version is not offered again")
                        .isEqualTo(ModelRollout.Outcome.ALREADY_SERVING);
                assertThat(leasedVersion(service)).isEqualTo(v3);

                // when: the pointer names the first version (a rollback)
                Files.writeString(repository.resolve(ModelRepository.POINTER), "v1\n");
                assertThat(watch.poll()).isEqualTo(ModelRollout.Outcome.SWAPPED);
                assertThat(leasedVersion(service)).isEqualTo(v1);
            }
            assertThat(service.rollout().swaps()).isEqualTo(2);
            assertThat(service.rollout().refusals()).isEqualTo(1);
            assertThat(events)
                    .hasSize(3)
                    .anySatisfy(
                            event -> assertThat(event).startsWith("refused ").contains("quality gate"));
        }
    }

    private static String leasedVersion(ModelService service) {
        try (ModelLease lease = service.live().lease()) {
            return lease.version();
        }
    }

    private StreamAppConfig config() {
        return StreamAppConfig.from(Map.of(
                "model.dir", repository.toString(),
                "model.runtime", ModelRuntime.ONNX.configName(),
                "model.control.topic.enabled", "false",
                "model.poll.interval.ms", "3600000", // the test polls itself
                "state.dir", stateDir.toString()));
    }

    private ModelSwapEvents recorder() {
        return new ModelSwapEvents() {
            @Override
            public void onSwapped(String version, String runtime, Duration loadTime, String source) {
                events.add("swapped " + version);
            }

            @Override
            public void onRefused(String version, String source, String reason) {
                events.add("refused " + version + ": " + reason);
            }
        };
    }

    /** Makes the version's model.json look written {@code minutes} minutes after the first. */
    private static Path stamped(Path version, int minutes) throws IOException {
        Files.setLastModifiedTime(
                version.resolve(ModelArtifact.METADATA),
                FileTime.from(Instant.parse("2026-12-01T00:00:00Z").plusSeconds(60L * minutes)));
        return version;
    }

    private static String version(Path folder) {
        return ArtifactLoader.readMetadata(folder).modelVersion();
    }
}
