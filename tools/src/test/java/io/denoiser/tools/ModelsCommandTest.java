package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.artifact.ArtifactWriter;
import io.denoiser.model.network.DenoisingAutoencoder;
import io.denoiser.stream.models.ModelControlRecords;
import io.denoiser.tools.fixtures.CliRun;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.schedule.FixedSchedule;

/** {@code models publish|list|rollback} against a real (in-process) broker: what lands on the control topic. */
@Timeout(180) // a hang guard for the whole class on a busy 2-core machine
class ModelsCommandTest {

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldPublishListAndRollBackVersionsOnTheControlTopic() {
        String app = "models-test-" + UUID.randomUUID().toString().substring(0, 8);
        Path shipped = Path.of(System.getProperty("denoiser.root", "..")).resolve("models/default");
        Path other = dir.resolve("other");
        ArtifactWriter.write(
                other,
                DenoisingAutoencoder.create(7, new FixedSchedule(1e-3)),
                ArtifactLoader.readMetadata(shipped),
                Map.of());
        String first = ArtifactLoader.readMetadata(shipped).modelVersion();
        String second = ArtifactLoader.readMetadata(other).modelVersion();

        CliRun empty = models("list", app);
        CliRun published = models("publish", app, shipped.toString());
        CliRun forced = models("publish", app, other.toString(), "--force");
        CliRun listed = models("list", app);
        CliRun rolledBack = models("rollback", app);

        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("no models on " + app + ".models");
        assertThat(published.exitCode()).as(published.err()).isZero();
        assertThat(published.out()).contains("published " + first);
        assertThat(forced.out()).contains("published " + second).contains("forced past the quality gate");
        assertThat(listed.out())
                .contains("  " + first)
                .contains("* " + second)
                .contains("* serves: " + second + " (publish, forced");
        assertThat(rolledBack.exitCode()).as(rolledBack.err()).isZero();
        assertThat(rolledBack.out()).contains("rolled back " + second + " to " + first);
        ModelControlRecords.Pointer pointer = new ModelTopic(
                        Map.of("bootstrap.servers", broker.bootstrapServers()), ModelControlRecords.topicOf(app))
                .read()
                .pointer()
                .orElseThrow();
        assertThat(pointer.version()).isEqualTo(first);
        assertThat(pointer.force()).as("a rollback skips the quality gate").isTrue();
        assertThat(pointer.action()).isEqualTo("rollback");
    }

    @Test
    void shouldRefuseToRollBackWhenNothingWasPublished() {
        CliRun run =
                models("rollback", "models-test-" + UUID.randomUUID().toString().substring(0, 8));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("nothing to roll back");
    }

    private CliRun models(String subcommand, String applicationId, String... more) {
        String[] args = new String[5 + more.length];
        args[0] = "models";
        args[1] = subcommand;
        args[2] = "--bootstrap-servers=" + broker.bootstrapServers();
        args[3] = "--application-id";
        args[4] = applicationId;
        System.arraycopy(more, 0, args, 5, more.length);
        return CliRun.of(args);
    }
}
