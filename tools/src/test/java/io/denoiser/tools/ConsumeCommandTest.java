package io.denoiser.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.tools.fixtures.CliRun;
import io.denoiser.tools.fixtures.PipelineTopics;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code consume} against a real (in-process) broker: PNG files, a JSON-lines summary, quality, and limits. */
@Timeout(180) // a hang guard for the whole class on a busy 2-core machine; each test waits on conditions
class ConsumeCommandTest {

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
    void shouldWriteEachReconstructionAsPngWithAJsonLinesSummaryAndMeanQuality() throws Exception {
        String topic = topicWith(
                reconstruction("digit-1", 20.0, 0.8),
                reconstruction("digit/2", 22.0, 0.9),
                reconstruction("digit-3", null, null));

        CliRun run = consume(topic, "--count", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("consumed 3 reconstructions from " + topic)
                .contains("mean PSNR 21.00 dB, SSIM 0.850 (2 with references)");
        BufferedImage png = ImageIO.read(dir.resolve("out/digit-1.png").toFile());
        assertThat(png.getWidth()).isEqualTo(8);
        assertThat(png.getHeight()).isEqualTo(4);
        assertThat(png.getRaster().getSample(3, 1, 0)).isEqualTo(3 + 8);
        assertThat(dir.resolve("out/digit_2.png"))
                .as("ids become safe file names")
                .isRegularFile();
        List<String> lines = Files.readAllLines(dir.resolve("out/summary.jsonl"));
        assertThat(lines).hasSize(3);
        var first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("id").asText()).isEqualTo("digit-1");
        assertThat(first.get("psnr").asDouble()).isEqualTo(20.0);
        assertThat(first.get("file").asText()).isEqualTo("digit-1.png");
        assertThat(first.get("modelVersion").asText()).isEqualTo("test-model@000000000000");
    }

    @Test
    void shouldSayHowManyArrivedWhenFewerThanAskedForComeWithinTheTimeout() throws Exception {
        String topic = topicWith(reconstruction("only-one", 20.0, 0.8));

        CliRun run = consume(topic, "--count", "2", "--timeout", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("denoiser consume: only 1 of 2 reconstructions arrived within 2 s");
    }

    @Test
    void shouldReadOnlyWhatArrivesFromNowOnWhenAskedToStartAtTheEnd() throws Exception {
        String topic = topicWith(reconstruction("old", 20.0, 0.8));

        CliRun run = consume(topic, "--from", "latest", "--timeout", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("consumed 0 reconstructions");
    }

    @Test
    void shouldReadOnlyCommittedReconstructionsByDefault() throws Exception {
        // given: what an exactly_once_v2 app leaves after a crash: a committed transaction and an aborted one
        String topic = topicWithTransactions(
                List.of(reconstruction("committed-1", 20.0, 0.8), reconstruction("committed-2", 21.0, 0.8)),
                List.of(reconstruction("aborted-1", 22.0, 0.8)));

        // when
        CliRun run = consume(topic, "--timeout", "3");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("consumed 2 reconstructions");
        assertThat(summaryIds()).containsExactly("committed-1", "committed-2");
    }

    @Test
    void shouldAlsoReadTheRecordsOfAbortedTransactionsWhenAskedToReadUncommitted() throws Exception {
        // given
        String topic = topicWithTransactions(
                List.of(reconstruction("committed-1", 20.0, 0.8)), List.of(reconstruction("aborted-1", 22.0, 0.8)));

        // when
        CliRun run = consume(topic, "--isolation-level", "read_uncommitted", "--timeout", "3");

        // then
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(summaryIds()).containsExactly("committed-1", "aborted-1");
    }

    @Test
    void shouldNameAMissingTopic() {
        CliRun run = consume("no-such-topic-" + PipelineTopics.newRun(), "--count", "1");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("denoiser consume: topic no-such-topic-")
                .contains("does not exist");
    }

    private CliRun consume(String topic, String... args) {
        List<String> all = new ArrayList<>(List.of(
                "consume",
                "--bootstrap-servers",
                broker.bootstrapServers(),
                "--topic",
                topic,
                "--output",
                dir.resolve("out").toString()));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** A new topic holding these reconstructions. */
    private static String topicWith(Reconstruction... reconstructions) throws Exception {
        String topic = "images.denoised-" + PipelineTopics.newRun();
        broker.createTopics(1, topic);
        var json = RecordSerdes.reconstruction().serializer();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            for (Reconstruction r : reconstructions) {
                producer.send(new ProducerRecord<>(topic, r.id(), json.serialize(topic, r)))
                        .get();
            }
        }
        return topic;
    }

    /** A new topic holding a committed transaction of {@code committed}, then an aborted one of {@code aborted}. */
    private static String topicWithTransactions(List<Reconstruction> committed, List<Reconstruction> aborted) {
        String topic = "images.denoised-" + PipelineTopics.newRun();
        broker.createTopics(1, topic);
        var json = RecordSerdes.reconstruction().serializer();
        try (var producer = new KafkaProducer<>(
                Map.<String, Object>of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "consume-test-" + topic),
                new StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            for (List<Reconstruction> transaction : List.of(committed, aborted)) {
                producer.beginTransaction();
                for (Reconstruction r : transaction) {
                    Future<RecordMetadata> unusedAck =
                            producer.send(new ProducerRecord<>(topic, r.id(), json.serialize(topic, r)));
                }
                producer.flush();
                if (transaction == committed) {
                    producer.commitTransaction();
                } else {
                    producer.abortTransaction();
                }
            }
        }
        return topic;
    }

    private List<String> summaryIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("out/summary.jsonl"))) {
            ids.add(new ObjectMapper().readTree(line).get("id").asText());
        }
        return ids;
    }

    /** An 8x4 image whose pixel (x, y) has grey level x + 8y. */
    private static Reconstruction reconstruction(String id, Double psnr, Double ssim) {
        byte[] pixels = new byte[32];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        long now = System.currentTimeMillis();
        return new Reconstruction(
                id,
                8,
                4,
                ImageEncoding.RAW_U8,
                ImageEncoder.encode(new DecodedImage(8, 4, pixels), ImageEncoding.RAW_U8),
                "test-model@000000000000",
                now,
                now,
                1,
                psnr,
                ssim);
    }
}
