package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.metrics.Psnr;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageDecoder;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.tools.fixtures.CliRun;
import io.denoiser.tools.fixtures.ClosedPort;
import io.denoiser.tools.fixtures.PipelineTopics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code publish} against a real (in-process) broker: what lands on the topic, paced, with clear failures. */
@Timeout(180) // a hang guard for the whole class on a busy 2-core machine; each test waits on conditions
class PublishCommandTest {

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
    void shouldPublishIdxImagesWithNoiseAndTheCleanImageAsReference() {
        String topic = newTopic();

        CliRun run = publish(topic, fixtureImages().toString(), "--noise", "gaussian:0.5", "--count", "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("published 20 images to " + topic).contains("noise gaussian:0.5");
        List<NoisyImage> records = read(topic, 20);
        assertThat(records).extracting(NoisyImage::id).first().isEqualTo("mnist-test-500-00000");
        assertThat(records).extracting(NoisyImage::id).doesNotHaveDuplicates();
        assertThat(records).allSatisfy(record -> {
            assertThat(record.width()).isEqualTo(28);
            assertThat(record.timestamp()).isPositive();
            double psnr = Psnr.of(pixels(record, record.data()), pixels(record, record.reference()));
            assertThat(psnr).as("noise 0.5 leaves about 9.4 dB").isBetween(7.0, 12.0);
        });
    }

    @Test
    void shouldPublishPngFilesAtTheirOwnSizeWithoutReferenceWhenNoNoiseIsAdded() throws Exception {
        String topic = newTopic();
        Path folder = Files.createDirectories(dir.resolve("photos"));
        writePng(folder.resolve("first.png"), 12, 8);
        writePng(folder.resolve("second.png"), 12, 8);

        CliRun run = publish(topic, folder.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(topic, 2))
                .satisfiesExactlyInAnyOrder(
                        first -> assertThat(first)
                                .extracting(
                                        NoisyImage::id, NoisyImage::width, NoisyImage::height, NoisyImage::reference)
                                .containsExactly("first", 12, 8, null),
                        second -> assertThat(second.id()).isEqualTo("second"));
    }

    @Test
    void shouldRepeatImagesUnderNewIdsWhenAskedForMoreThanThereAre() throws Exception {
        String topic = newTopic();
        writePng(dir.resolve("only.png"), 4, 4);

        CliRun run = publish(topic, dir.resolve("only.png").toString(), "--count", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(read(topic, 3)).extracting(NoisyImage::id).containsExactlyInAnyOrder("only", "only~1", "only~2");
    }

    @Test
    void shouldKeepToTheRate() {
        String topic = newTopic();
        long start = System.nanoTime();

        CliRun run = publish(topic, fixtureImages().toString(), "--count", "11", "--rate", "20");

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 11 images at 20/s: the last may go 10/20 s after the first, not earlier
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    }

    @Test
    void shouldNameAMissingPath() {
        CliRun run = publish(newTopic(), dir.resolve("nothing-here.png").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .isEqualTo("denoiser publish: " + dir.resolve("nothing-here.png") + ": no such file or folder"
                        + System.lineSeparator());
    }

    @Test
    void shouldTakeClientSettingsFromAPropertiesFileAndFailClearlyWhenNoBrokerAnswers() throws Exception {
        Path clientConfig = dir.resolve("client.properties");
        Files.writeString(clientConfig, "bootstrap.servers=" + ClosedPort.nowhere() + "\nmax.block.ms=500\n");

        CliRun run = CliRun.of(
                "publish",
                "--client-config",
                clientConfig.toString(),
                fixtureImages().toString(),
                "--count",
                "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("denoiser publish: ")
                .contains("500 ms")
                .doesNotContain("Exception");
    }

    private static CliRun publish(String topic, String... args) {
        List<String> all =
                new ArrayList<>(List.of("publish", "--bootstrap-servers", broker.bootstrapServers(), "--topic", topic));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static String newTopic() {
        String topic = "images.noisy-" + PipelineTopics.newRun();
        broker.createTopics(1, topic);
        return topic;
    }

    private static List<NoisyImage> read(String topic, int count) {
        var json = RecordSerdes.noisyImage().deserializer();
        List<NoisyImage> records = new ArrayList<>();
        try (TopicReader reader = TopicReader.open(
                Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                List.of(topic),
                TopicReader.StartAt.EARLIEST)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                reader.poll(Duration.ofMillis(100))
                        .forEach(r ->
                                records.add(json.deserialize(topic, r.record().value())));
            }
        }
        assertThat(records).hasSize(count);
        return records;
    }

    private static GrayImage pixels(NoisyImage record, String base64) {
        DecodedImage image = ImageDecoder.decode(record.encoding(), base64, record.width(), record.height(), "data");
        return GrayImage.fromBytes(image.width(), image.height(), image.pixels());
    }

    private static Path fixtureImages() {
        return Path.of(System.getProperty("denoiser.fixtures"), "mnist-test-500-images-idx3-ubyte.gz");
    }

    private static void writePng(Path file, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xFF8040);
        ImageIO.write(image, "png", file.toFile());
    }
}
