package io.denoiser.stream.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.management.OperatingSystemMXBean;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineOutputs;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.TestData;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole app against a real broker: the real model (system property {@code denoiser.model}, the project's
 * {@code models/default}) on the default runtime, the real topology and lifecycle. Subclasses say where the
 * broker is; the assertions are the same for every broker.
 */
abstract class AbstractDenoiserPipelineIT {

    private static final int IMAGES = 1_000;
    private static final int PARTITIONS = 2;
    private static final long NOISE_SEED = 2026;
    /** The interim model measures 20.0 dB on the 10k MNIST test images; the fixtures are the first 500 of them. */
    private static final double MIN_MEAN_PSNR = 19.0;

    private static final Duration ALL_OUTPUTS_WITHIN = Duration.ofSeconds(150);
    private static final int MAX_BATCH_SIZE = 8;
    /**
     * Long enough that a batch goes out only when full while a backlog waits (the wall-clock flush is for the
     * last partial batch of each partition), short enough not to slow the test down much.
     */
    private static final String MAX_BATCH_DELAY_MS = "2000";

    @TempDir
    Path stateDir;

    /** {@code bootstrap.servers} of the broker under test. */
    protected abstract String bootstrapServers();

    /** Creates the topics, returning once clients can use them. */
    protected abstract void createTopics(int partitions, String... names);

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a hang guard; the test waits on conditions
    void shouldDenoiseEveryImageAndDeadLetterTheMalformedOne() throws Exception {
        // given
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter());
        List<NoisyImage> images = NoisyMnist.withReferences(IMAGES, NOISE_SEED);
        byte[] malformed = TestData.malformedJson();

        try (KafkaProducer<String, byte[]> producer = producer();
                PipelineOutputs outputs = PipelineOutputs.open(bootstrapServers(), topics, PARTITIONS)) {
            // the images wait in the topic before the app starts, so it meets a backlog and must batch
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (NoisyImage image : images) {
                sent.add(producer.send(new ProducerRecord<>(topics.input(), image.id(), TestData.json(image))));
            }
            RecordMetadata malformedAt = producer.send(
                            new ProducerRecord<>(topics.input(), 0, "not-an-image", malformed))
                    .get(30, TimeUnit.SECONDS);
            producer.flush();
            for (Future<RecordMetadata> record : sent) {
                record.get(30, TimeUnit.SECONDS); // fails the test here if the broker refused an image
            }

            // when
            long started = System.nanoTime();
            long cpuBefore = processCpuNanos();
            long allArrived;
            long cpuUsed;
            try (StreamAppLifecycle app = StreamApp.assemble(config(run, topics))) {
                app.start();
                await().atMost(ALL_OUTPUTS_WITHIN)
                        .pollInSameThread()
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            outputs.poll();
                            return outputs.reconstructions().size() >= IMAGES
                                    && !outputs.deadLetters().isEmpty();
                        });
                allArrived = System.nanoTime();
                cpuUsed = processCpuNanos() - cpuBefore;
            }

            // then
            List<ConsumerRecord<String, Reconstruction>> reconstructions = outputs.reconstructions();
            assertThat(reconstructions).hasSize(IMAGES);
            assertThat(reconstructions)
                    .allSatisfy(record ->
                            assertThat(record.key()).isEqualTo(record.value().id()));
            assertThat(idsOf(reconstructions))
                    .isEqualTo(images.stream().map(NoisyImage::id).collect(Collectors.toSet()));
            assertThat(reconstructions)
                    .allSatisfy(
                            record -> assertThat(record.value().modelVersion()).isEqualTo(servedModelVersion()));
            assertThat(meanPsnr(reconstructions)).isGreaterThanOrEqualTo(MIN_MEAN_PSNR);
            assertThat(reconstructions)
                    .as("images met in a backlog are denoised in full batches, never larger")
                    .anySatisfy(record -> assertThat(record.value().batchSize()).isEqualTo(MAX_BATCH_SIZE))
                    .allSatisfy(record -> assertThat(record.value().batchSize()).isBetween(1, MAX_BATCH_SIZE));

            assertThat(outputs.deadLetters()).singleElement().satisfies(record -> {
                DeadLetter letter = record.value();
                assertThat(letter.reason()).isEqualTo(ReasonCode.MALFORMED_JSON);
                assertThat(letter.sourceTopic()).isEqualTo(topics.input());
                assertThat(letter.sourcePartition()).isEqualTo(malformedAt.partition());
                assertThat(letter.sourceOffset()).isEqualTo(malformedAt.offset());
                assertThat(letter.originalValueBytes()).isEqualTo(malformed);
            });
            report(reconstructions, allArrived - started, cpuUsed);
        }
    }

    private StreamAppConfig config(String run, TopicNames topics) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers());
        settings.put("application.id", "denoiser-it-" + run);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", stateDir.toString());
        settings.put("model.dir", modelDir().toString());
        settings.put("startup.timeout.ms", "30000");
        settings.put("http.port", "0");
        settings.put("max.batch.size", Integer.toString(MAX_BATCH_SIZE));
        settings.put("max.batch.delay.ms", MAX_BATCH_DELAY_MS);
        return StreamAppConfig.from(settings);
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    private static Path modelDir() {
        return Path.of(Objects.requireNonNull(
                System.getProperty("denoiser.model"),
                "system property denoiser.model is not set: run the integration tests with Maven"));
    }

    private static String servedModelVersion() {
        return ArtifactLoader.readMetadata(modelDir()).modelVersion();
    }

    private static Set<String> idsOf(List<ConsumerRecord<String, Reconstruction>> records) {
        return records.stream().map(record -> record.value().id()).collect(Collectors.toSet());
    }

    private static double meanPsnr(List<ConsumerRecord<String, Reconstruction>> records) {
        return records.stream()
                .mapToDouble(record -> record.value().psnr())
                .average()
                .orElseThrow();
    }

    /**
     * The figures a reader of the build log wants: throughput, quality, batch sizes. The CPU time is the whole
     * JVM's (app, producer, consumer, and the embedded broker where there is one): a figure that does not depend
     * on what else the machine runs.
     */
    private void report(List<ConsumerRecord<String, Reconstruction>> records, long nanos, long cpuNanos) {
        var batchSizes =
                records.stream().mapToInt(record -> record.value().batchSize()).summaryStatistics();
        double seconds = nanos / 1e9;
        System.out.printf(
                "%s: %,d images denoised in %.2f s from app start (%.0f images/s, %.2f CPU-s in this JVM);"
                        + " mean PSNR %.2f dB; batch sizes %d..%d, mean %.1f%n",
                getClass().getSimpleName(),
                records.size(),
                seconds,
                records.size() / seconds,
                cpuNanos / 1e9,
                meanPsnr(records),
                batchSizes.getMin(),
                batchSizes.getMax(),
                batchSizes.getAverage());
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
