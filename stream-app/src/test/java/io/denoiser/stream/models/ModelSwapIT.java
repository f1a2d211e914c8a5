package io.denoiser.stream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.stream.app.StreamApp;
import io.denoiser.stream.app.StreamAppLifecycle;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.Http;
import io.denoiser.stream.fixtures.ModelTopicPublisher;
import io.denoiser.stream.fixtures.ModelVersions;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.RecordingSwapEvents;
import io.denoiser.stream.fixtures.Scrape;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.inference.ModelVersionHeader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new model published on the control topic while images flow, against the in-process broker: two instances of
 * the app (one consumer group, exactly_once_v2) both swap to it; every image comes out exactly once (read
 * committed); within each partition the version switches once and never goes back; bad candidates published after
 * it are refused by both instances while the new model keeps serving.
 */
class ModelSwapIT {

    private static final int PARTITIONS = 2;
    private static final int IMAGES = 1_200;
    private static final int SWAP_AFTER = 400;
    /** Images sent every {@link #TICK}: ~200 images/s, a steady flow well within the two instances' capacity. */
    private static final int IMAGES_PER_TICK = 4;

    private static final Duration TICK = Duration.ofMillis(20);
    private static final Duration WITHIN = Duration.ofMinutes(2);

    private static EmbeddedKafkaBroker broker;

    @TempDir
    Path work;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang guard; the test waits on conditions
    void shouldSwapEveryInstanceMidStreamWithoutLosingDuplicatingOrMixingImages() throws Exception {
        // given
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        broker.createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter());
        String v1 = ArtifactLoader.readMetadata(ModelVersions.shipped()).modelVersion();
        Path next = ModelVersions.perturbed(work.resolve("next"), 1e-3, 5);
        String v2 = ArtifactLoader.readMetadata(next).modelVersion();
        List<NoisyImage> images = NoisyMnist.withReferences(IMAGES, 77);
        RecordingSwapEvents first = new RecordingSwapEvents();
        RecordingSwapEvents second = new RecordingSwapEvents();
        AtomicInteger sent = new AtomicInteger();
        ScheduledExecutorService feeder = Executors.newSingleThreadScheduledExecutor();

        try (KafkaProducer<String, byte[]> producer = producer();
                ModelTopicPublisher models =
                        new ModelTopicPublisher(broker.bootstrapServers(), ModelControlRecords.topicOf(appId(run)));
                CommittedOutputs outputs = new CommittedOutputs(topics.output());
                StreamAppLifecycle a = StreamApp.assemble(config(run, topics, "a"), first);
                StreamAppLifecycle b = StreamApp.assemble(config(run, topics, "b"), second)) {
            a.start();
            b.start();
            assertThat(first.swapped())
                    .as("nothing published yet: both start on model.dir")
                    .isEmpty();

            // when: images flow steadily, and the new model is published midway
            var feeding = feeder.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < IMAGES_PER_TICK && sent.get() < IMAGES; i++) {
                            NoisyImage image = images.get(sent.getAndIncrement());
                            var unused = producer.send(
                                    new ProducerRecord<>(topics.input(), image.id(), TestData.json(image)));
                        }
                    },
                    0,
                    TICK.toMillis(),
                    TimeUnit.MILLISECONDS);
            await().atMost(WITHIN).until(() -> sent.get() >= SWAP_AFTER);
            models.publish(next, false);

            // then: both instances swap, and every image comes out
            await().atMost(WITHIN)
                    .until(() ->
                            first.swapped().contains(v2) && second.swapped().contains(v2));
            await().atMost(WITHIN).pollInSameThread().until(() -> outputs.poll() >= IMAGES);
            feeding.cancel(false);

            // when: bad candidates follow
            models.publishRaw("corrupt@000000000000", "not a zip".getBytes(StandardCharsets.UTF_8), false);
            models.publish(ModelVersions.checksumMismatch(work.resolve("mismatch")), false);
            models.publish(ModelVersions.barelyTrained(work.resolve("barely")), false);

            // then: both refuse all three, and the new model keeps serving
            await().atMost(WITHIN)
                    .until(() -> first.refused().size() >= 3 && second.refused().size() >= 3);
            List<NoisyImage> after = NoisyMnist.withReferences(IMAGES + 40, 77).subList(IMAGES, IMAGES + 40);
            for (NoisyImage image : after) {
                var unused = producer.send(new ProducerRecord<>(topics.input(), image.id(), TestData.json(image)));
            }
            producer.flush(); // a refused send would show as a missing output
            await().atMost(WITHIN).pollInSameThread().until(() -> outputs.poll() >= IMAGES + after.size());
            feeder.shutdownNow();

            // then
            assertThat(outputs.countsById())
                    .hasSize(IMAGES + after.size())
                    .allSatisfy((id, count) ->
                            assertThat(count).as("copies of " + id).isEqualTo(1));
            assertThat(outputs.records())
                    .allSatisfy(record ->
                            assertThat(header(record)).isEqualTo(record.value().modelVersion()));
            for (Map.Entry<Integer, List<String>> partition :
                    outputs.versionsByPartition().entrySet()) {
                List<String> versions = partition.getValue();
                assertThat(switches(versions))
                        .as("version switches in partition " + partition.getKey())
                        .isEqualTo(1);
                assertThat(versions.get(0)).isEqualTo(v1);
                assertThat(versions.get(versions.size() - 1)).isEqualTo(v2);
            }
            assertThat(first.refused())
                    .hasSize(3)
                    .anySatisfy(reason -> assertThat(reason).contains("corrupt artifact record"))
                    .anySatisfy(reason -> assertThat(reason).contains("checksum mismatch"))
                    .anySatisfy(reason -> assertThat(reason).contains("quality gate"));
            assertThat(second.refused()).hasSize(3);
            assertThat(first.swapped()).containsExactly(v2);
            assertThat(second.swapped()).containsExactly(v2);
            for (StreamAppLifecycle instance : List.of(a, b)) {
                assertShowsTheSwap(instance.httpAddress().orElseThrow(), v2, v1);
            }
            report(outputs);
        } finally {
            feeder.shutdownNow();
        }
    }

    /** What an operator sees of it: one swap, three refusals, the new version served and ready. */
    private static void assertShowsTheSwap(URI http, String version, String replaced) throws Exception {
        Scrape scrape = new Scrape(Http.get(http, "metrics").body());
        assertThat(scrape.require("denoiser_model_swaps_total")).isEqualTo(1.0);
        assertThat(scrape.require("denoiser_model_refusals_total")).isEqualTo(3.0);
        assertThat(scrape.require("denoiser_model_info{runtime=\"onnxruntime\",version=\"" + version + "\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.value("denoiser_model_info{runtime=\"onnxruntime\",version=\"" + replaced + "\"}"))
                .as("the replaced version is no longer served")
                .isIn(Optional.empty(), Optional.of(0.0));
        JsonNode ready =
                new ObjectMapper().readTree(Http.get(http, "health/ready").body());
        assertThat(ready.get("model").get("version").asText()).isEqualTo(version);
        assertThat(Http.status(http, "health/ready")).isEqualTo(200);
    }

    private static int switches(List<String> versions) {
        int switches = 0;
        for (int i = 1; i < versions.size(); i++) {
            if (!versions.get(i).equals(versions.get(i - 1))) {
                switches++;
            }
        }
        return switches;
    }

    private static String header(ConsumerRecord<String, Reconstruction> record) {
        Header header = record.headers().lastHeader(ModelVersionHeader.NAME);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void report(CommittedOutputs outputs) {
        Map<Integer, List<String>> byPartition = outputs.versionsByPartition();
        StringBuilder line = new StringBuilder("ModelSwapIT:");
        byPartition.forEach((partition, versions) -> {
            long before =
                    versions.stream().filter(v -> v.equals(versions.get(0))).count();
            line.append(String.format(
                    " partition %d: %d images on the first model, then %d on the new one;",
                    partition, before, versions.size() - before));
        });
        System.out.println(line);
    }

    private static String appId(String run) {
        return "denoiser-swap-it-" + run;
    }

    private StreamAppConfig config(String run, TopicNames topics, String instance) throws Exception {
        Path state = Files.createDirectories(work.resolve("state-" + instance));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", broker.bootstrapServers());
        settings.put("application.id", appId(run));
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", state.toString());
        settings.put("model.dir", ModelVersions.shipped().toString());
        // one stream thread per instance: with one per core (the default), a task can be assigned only after the
        // swap, and its partition then shows no switch to check
        settings.put("num.stream.threads", "1");
        settings.put("processing.guarantee", "exactly_once_v2");
        settings.put("startup.timeout.ms", "60000");
        settings.put("max.batch.size", "8");
        settings.put("max.batch.delay.ms", "50");
        settings.put("inference.threads", "1");
        settings.put("http.port", "0"); // two instances in one JVM, and other builds on this machine
        return StreamAppConfig.from(settings);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        broker.bootstrapServers(),
                        ProducerConfig.LINGER_MS_CONFIG,
                        5),
                new StringSerializer(),
                new ByteArraySerializer());
    }

    /** Every committed reconstruction, read without a group, in partition order. */
    private static final class CommittedOutputs implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final List<ConsumerRecord<String, Reconstruction>> records = new ArrayList<>();

        CommittedOutputs(String topic) {
            consumer = new KafkaConsumer<>(
                    Map.of(
                            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            broker.bootstrapServers(),
                            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                            "read_committed",
                            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                            false),
                    new StringDeserializer(),
                    new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        int poll() {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                Reconstruction value =
                        RecordSerdes.reconstruction().deserializer().deserialize(record.topic(), record.value());
                records.add(new ConsumerRecord<>(
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        record.timestamp(),
                        record.timestampType(),
                        record.serializedKeySize(),
                        record.serializedValueSize(),
                        record.key(),
                        value,
                        record.headers(),
                        record.leaderEpoch()));
            }
            return records.size();
        }

        List<ConsumerRecord<String, Reconstruction>> records() {
            return records;
        }

        Map<String, Integer> countsById() {
            Map<String, Integer> counts = new HashMap<>();
            records.forEach(record -> counts.merge(record.value().id(), 1, Integer::sum));
            return counts;
        }

        Map<Integer, List<String>> versionsByPartition() {
            Map<Integer, List<String>> versions = new TreeMap<>();
            for (ConsumerRecord<String, Reconstruction> record : records) {
                versions.computeIfAbsent(record.partition(), p -> new ArrayList<>())
                        .add(record.value().modelVersion());
            }
            return versions;
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
