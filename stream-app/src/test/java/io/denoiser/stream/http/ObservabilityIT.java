package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.validation.ReasonCode;
import io.denoiser.stream.app.StreamApp;
import io.denoiser.stream.app.StreamAppLifecycle;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.Http;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineOutputs;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.Scrape;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.health.StallWatch;
import io.denoiser.stream.models.ControlTopicWatch;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * The HTTP surface of the real app against the in-process broker: the counters agree with what the topics hold,
 * every metric of the README is there, readiness goes 503 -> 200 while the app starts and back to 503 when the
 * broker goes away. The broker is this test's own, since the test stops it.
 */
class ObservabilityIT {

    private static final int IMAGES = 200;
    private static final int PARTITIONS = 2;
    private static final Duration OUTPUTS_WITHIN = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang guard; the test waits on conditions
    void shouldCountWhatTheTopicsHoldAndReportHealthFromStartUpToBrokerLoss() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        Set<Thread> watchersBefore = liveWatcherThreads();
        try {
            String run = PipelineTopics.newRun();
            TopicNames topics = PipelineTopics.unique(run);
            broker.createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter());
            publish(broker.bootstrapServers(), topics);

            try (StreamAppLifecycle app = StreamApp.assemble(config(broker.bootstrapServers(), run, topics))) {
                URI http = app.httpAddress().orElseThrow();
                // the server listens before Kafka Streams starts: not ready yet, but alive
                assertThat(Http.status(http, "health/ready")).isEqualTo(503);
                assertThat(Http.status(http, "health/live")).isEqualTo(200);

                app.start();
                await().atMost(Duration.ofSeconds(30)).until(() -> Http.status(http, "health/ready") == 200);

                Map<ReasonCode, Long> deadLettersByReason = awaitOutputs(broker.bootstrapServers(), topics);
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertCountsAgreeWithTopics(scrape(http), deadLettersByReason));
                assertEveryMetricIsExported(scrape(http));
                assertLiveDataShowsTheRun(http);

                // the watchers the close must stop: the models control topic's consumer and the stall checks
                Set<Thread> appWatchers = liveWatcherThreads();
                appWatchers.removeAll(watchersBefore);
                assertThat(appWatchers)
                        .extracting(Thread::getName)
                        .contains(ControlTopicWatch.THREAD_NAME, StallWatch.THREAD_NAME);

                JsonNode ready = json(Http.get(http, "health/ready").body());
                assertThat(ready.get("kafkaStreams").asText()).isEqualTo("RUNNING");
                assertThat(ready.get("model").get("version").asText()).isEqualTo(servedModelVersion());
                assertThat(ready.get("model").get("broken").asBoolean()).isFalse();

                broker.close();

                await().atMost(Duration.ofSeconds(60)).until(() -> Http.status(http, "health/ready") == 503);
                assertThat(json(Http.get(http, "health/ready").body())
                                .get("problems")
                                .toString())
                        .contains("no Kafka broker answers");
                assertThat(Http.status(http, "health/live")).isEqualTo(200);
            }
            // Kafka Streams cannot stop cleanly without its broker, so the model stays open; the app's watches
            // (the models control topic's consumer, the stall checks) must stop all the same, not poll and log
            // forever in the JVM that embedded the app
            await().atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(liveWatcherThreads()).isSubsetOf(watchersBefore));
        } finally {
            broker.close();
        }
    }

    private static Set<Thread> liveWatcherThreads() {
        Set<Thread> watchers = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()
                    && (thread.getName().equals(ControlTopicWatch.THREAD_NAME)
                            || thread.getName().equals(StallWatch.THREAD_NAME))) {
                watchers.add(thread);
            }
        }
        return watchers;
    }

    /** The images, and three records that become dead letters of three reasons. */
    private static void publish(String bootstrapServers, TopicNames topics) throws Exception {
        List<NoisyImage> images = NoisyMnist.withReferences(IMAGES, 14);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(),
                new ByteArraySerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (NoisyImage image : images) {
                sent.add(producer.send(new ProducerRecord<>(topics.input(), image.id(), TestData.json(image))));
            }
            sent.add(producer.send(new ProducerRecord<>(topics.input(), "malformed", TestData.malformedJson())));
            sent.add(producer.send(
                    new ProducerRecord<>(topics.input(), "mismatch", TestData.json(TestData.sizeMismatch()))));
            sent.add(producer.send(
                    new ProducerRecord<>(topics.input(), "encoding", TestData.json(TestData.badEncoding()))));
            for (Future<RecordMetadata> record : sent) {
                record.get(30, TimeUnit.SECONDS); // fails here if the broker refused one
            }
        }
    }

    private static Map<ReasonCode, Long> awaitOutputs(String bootstrapServers, TopicNames topics) {
        try (PipelineOutputs outputs = PipelineOutputs.open(bootstrapServers, topics, PARTITIONS)) {
            await().atMost(OUTPUTS_WITHIN).until(() -> {
                outputs.poll();
                return outputs.reconstructions().size() >= IMAGES
                        && outputs.deadLetters().size() >= 3;
            });
            assertThat(outputs.reconstructions()).hasSize(IMAGES);
            Map<ReasonCode, Long> byReason = new EnumMap<>(ReasonCode.class);
            for (ConsumerRecord<String, DeadLetter> letter : outputs.deadLetters()) {
                byReason.merge(letter.value().reason(), 1L, Long::sum);
            }
            assertThat(byReason).hasSize(3);
            return byReason;
        }
    }

    private static void assertCountsAgreeWithTopics(Scrape scrape, Map<ReasonCode, Long> deadLetters) {
        assertThat(scrape.require("denoiser_images_received_total")).isEqualTo(IMAGES + 3.0);
        assertThat(scrape.require("denoiser_reconstructions_total")).isEqualTo(IMAGES);
        for (ReasonCode reason : ReasonCode.values()) {
            assertThat(scrape.require("denoiser_dead_letters_total{reason=\"" + reason.name() + "\"}"))
                    .as(reason.name())
                    .isEqualTo(deadLetters.getOrDefault(reason, 0L).doubleValue());
        }
        assertThat(scrape.require("denoiser_dropped_records_total")).isZero();
        assertThat(scrape.require("denoiser_batch_size_sum")).isEqualTo(IMAGES);
        assertThat(scrape.require("denoiser_batch_size_count"))
                .isBetween(IMAGES / (double) StreamAppConfigDef.DEFAULT_MAX_BATCH_SIZE, (double) IMAGES);
        assertThat(scrape.require("denoiser_batch_wait_seconds_count"))
                .isEqualTo(scrape.require("denoiser_batch_size_count"));
        assertThat(scrape.require("denoiser_inference_seconds_count")).isPositive();
        assertThat(scrape.require("denoiser_inference_seconds_sum")).isPositive();
        assertThat(scrape.require("denoiser_end_to_end_latency_seconds_count")).isEqualTo(IMAGES);
        assertThat(scrape.require("denoiser_psnr_db_count")).isEqualTo(IMAGES);
        assertThat(scrape.require("denoiser_psnr_db_sum") / IMAGES).isGreaterThan(15.0);
        assertThat(scrape.require("denoiser_buffered_images")).isZero();
        // the runtime as the model names itself (onnxruntime for model.runtime=onnx)
        assertThat(scrape.require(
                        "denoiser_model_info{runtime=\"onnxruntime\",version=\"" + servedModelVersion() + "\"}"))
                .isEqualTo(1.0);
        assertThat(scrape.require("denoiser_model_load_seconds")).isPositive();
    }

    private static void assertEveryMetricIsExported(Scrape scrape) {
        for (String name : ExportedMetrics.DENOISER) {
            assertThat(scrape.has(name)).as(name).isTrue();
        }
        // Kafka Streams' client metrics through Micrometer's binder, and the JVM's
        assertThat(scrape.text()).contains("kafka_stream_thread_process_total").contains("jvm_memory_used_bytes");
    }

    private static void assertLiveDataShowsTheRun(URI http) throws Exception {
        JsonNode live = json(Http.get(http, "api/live").body());
        assertThat(live.get("totals").get("reconstructions").asLong()).isEqualTo(IMAGES);
        assertThat(live.get("samples").size()).isPositive();
        JsonNode sample = live.get("samples").get(0);
        assertThat(sample.get("noisy").asText()).startsWith("data:image/png;base64,");
        assertThat(sample.get("denoised").asText()).startsWith("data:image/png;base64,");
        assertThat(sample.get("reference").asText()).startsWith("data:image/png;base64,");
        assertThat(Http.get(http, "").body()).contains("<title>denoiser: live</title>");
    }

    private static Scrape scrape(URI http) {
        var response = Http.get(http, "metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return new Scrape(response.body());
    }

    private StreamAppConfig config(String bootstrapServers, String run, TopicNames topics) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("application.id", "denoiser-observability-it-" + run);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", stateDir.toString());
        settings.put("model.dir", modelDir().toString());
        settings.put("http.port", "0");
        settings.put("startup.timeout.ms", "30000");
        // the broker is gone when the app closes: do not wait long for the last commit
        settings.put("shutdown.timeout.ms", "5000");
        return StreamAppConfig.from(settings);
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static Path modelDir() {
        return Path.of(Objects.requireNonNull(System.getProperty("denoiser.model"), "denoiser.model"));
    }

    private static String servedModelVersion() {
        return ArtifactLoader.readMetadata(modelDir()).modelVersion();
    }
}
