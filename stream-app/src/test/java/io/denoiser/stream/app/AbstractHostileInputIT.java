package io.denoiser.stream.app;

import static org.awaitility.Awaitility.await;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.HostileCorpus;
import io.denoiser.stream.fixtures.HostileCorpus.Case;
import io.denoiser.stream.fixtures.HostileCorpus.Sent;
import io.denoiser.stream.fixtures.PipelineOutputs;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus ({@link HostileCorpus}) against the whole app on a real broker, with the real model
 * ({@code denoiser.model}, the project's {@code models/default}) on the default runtime: each hostile record is
 * followed by a good image, every record must come out exactly once (a dead letter with the expected reason, or a
 * reconstruction), and a good image sent after them all must still be denoised, so the app never stopped. Here
 * the broker enforces what {@code TopologyTestDriver} does not: a dead letter or a batch-buffer entry above the
 * producer's {@code max.request.size} would be refused, and its record would be missing. Subclasses say where
 * the broker is.
 */
abstract class AbstractHostileInputIT {

    private static final int PARTITIONS = 2;
    private static final Duration ALL_OUTPUTS_WITHIN = Duration.ofMinutes(2);

    @TempDir
    Path stateDir;

    /** {@code bootstrap.servers} of the broker under test. */
    protected abstract String bootstrapServers();

    /** Creates the topics, returning once clients can use them. */
    protected abstract void createTopics(int partitions, String... names);

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS) // a hang guard; the test waits on conditions
    void shouldDeadLetterEachHostileRecordWithItsReasonDenoiseTheGoodOnesAndNeverStop() throws Exception {
        // given
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter());
        StreamAppConfig config = config(run, topics);
        List<Case> corpus = HostileCorpus.cases(config.inputPolicy().maxRecordBytes());

        try (KafkaProducer<byte[], byte[]> producer = producer();
                PipelineOutputs outputs = PipelineOutputs.open(bootstrapServers(), topics, PARTITIONS);
                StreamAppLifecycle app = StreamApp.assemble(config)) {
            app.start();

            // when each hostile record is followed by a good image
            List<Sent> sent = new ArrayList<>();
            List<String> goodIds = new ArrayList<>();
            for (Case hostile : corpus) {
                RecordMetadata at = producer.send(new ProducerRecord<>(topics.input(), hostile.key(), hostile.value()))
                        .get(30, TimeUnit.SECONDS);
                sent.add(new Sent(hostile, at.partition(), at.offset()));
                String good = "good-" + sent.size();
                producer.send(new ProducerRecord<>(topics.input(), utf8(good), goodJson(good)))
                        .get(30, TimeUnit.SECONDS);
                goodIds.add(good);
            }
            long expectedDeadLetters =
                    corpus.stream().filter(hostile -> !hostile.isDenoised()).count();
            long expectedReconstructions = corpus.size() - expectedDeadLetters + goodIds.size();
            awaitOutputs(outputs, expectedReconstructions, expectedDeadLetters);

            // and then one more good image
            producer.send(new ProducerRecord<>(topics.input(), utf8("sentinel"), goodJson("sentinel")))
                    .get(30, TimeUnit.SECONDS);
            goodIds.add("sentinel");
            awaitOutputs(outputs, expectedReconstructions + 1, expectedDeadLetters);

            // then
            HostileCorpus.assertEachCameOutOnceAsExpected(
                    sent,
                    goodIds,
                    outputs.reconstructions().stream()
                            .map(ConsumerRecord::value)
                            .toList(),
                    outputs.deadLetters().stream().map(ConsumerRecord::value).toList());
            report(corpus, outputs.deadLetters());
        }
    }

    private static void awaitOutputs(PipelineOutputs outputs, long reconstructions, long deadLetters) {
        await().atMost(ALL_OUTPUTS_WITHIN)
                .pollInSameThread()
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    outputs.poll();
                    return outputs.reconstructions().size() >= reconstructions
                            && outputs.deadLetters().size() >= deadLetters;
                });
    }

    private StreamAppConfig config(String run, TopicNames topics) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers());
        settings.put("application.id", "denoiser-hostile-it-" + run);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", stateDir.toString());
        settings.put("model.dir", modelDir().toString());
        settings.put("startup.timeout.ms", "30000");
        settings.put("http.port", "0");
        // every buffered image reaches the changelog (no cache to absorb it), so a buffer entry Kafka refuses shows
        settings.put("statestore.cache.max.bytes", "0");
        return StreamAppConfig.from(settings);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(), ProducerConfig.LINGER_MS_CONFIG, 0),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static byte[] goodJson(String id) {
        return TestData.json(HostileCorpus.image(id));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Path modelDir() {
        return Path.of(Objects.requireNonNull(
                System.getProperty("denoiser.model"),
                "system property denoiser.model is not set: run the integration tests with Maven"));
    }

    private void report(List<Case> corpus, List<ConsumerRecord<String, DeadLetter>> deadLetters) {
        long omitted = deadLetters.stream()
                .filter(record -> record.value().originalValueOmitted() != null)
                .count();
        System.out.printf(
                "%s: %d hostile kinds, %d dead letters (%d carrying their original as a summary), every good image"
                        + " denoised%n",
                getClass().getSimpleName(), corpus.size(), deadLetters.size(), omitted);
    }
}
