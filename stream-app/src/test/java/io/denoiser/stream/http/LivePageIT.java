package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.app.StreamApp;
import io.denoiser.stream.app.StreamAppLifecycle;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.Chromium;
import io.denoiser.stream.fixtures.Http;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.TestData;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live page in a real headless browser (the system's Chromium) while images flow: the images and charts render,
 * the numbers move between two loads, and a screenshot is saved as {@code target/live-page.png}. Skipped, saying
 * so, where no Chromium is installed ({@code .ci/run} installs Debian's).
 */
class LivePageIT {

    private static final int IMAGES_PER_SECOND = 40;
    private static final int MALFORMED_EVERY = 150;
    private static final Pattern RECONSTRUCTIONS = Pattern.compile("id=\"reconstructions\">([0-9,]+)<");
    private static final Pattern SAMPLE_IMAGE = Pattern.compile("<img [^>]*class=\"(noisy|denoised|reference)\"");
    private static final Pattern THROUGHPUT_LINE =
            Pattern.compile("<polyline class=\"out\" points=\"([0-9.]+,[0-9.]+ ){3,}");

    @TempDir
    Path stateDir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang guard; the test waits on conditions
    void shouldShowImagesAndChartsThatMoveInARealBrowser() throws Exception {
        Chromium chromium = Chromium.find(Path.of("target", "chromium")).orElse(null);
        Assumptions.assumeTrue(
                chromium != null,
                "no chromium (/usr/bin/chromium, /usr/bin/chromium-browser, /usr/local/bin/chromium): the live page is not checked in a browser here;"
                        + " .ci/run installs Debian's chromium with apt");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            String run = PipelineTopics.newRun();
            TopicNames topics = PipelineTopics.unique(run);
            broker.createTopics(2, topics.input(), topics.output(), topics.deadLetter());
            AtomicBoolean feeding = new AtomicBoolean(true);
            Thread feed = new Thread(() -> feed(broker.bootstrapServers(), topics, feeding), "live-page-feed");
            try (StreamAppLifecycle app = StreamApp.assemble(config(broker.bootstrapServers(), run, topics))) {
                URI page = app.httpAddress().orElseThrow();
                app.start();
                feed.start();
                // some seconds of history for the charts
                await().atMost(Duration.ofSeconds(60)).until(() -> reconstructions(page) >= 5L * IMAGES_PER_SECOND);

                String first = chromium.dumpDom(page, Duration.ofSeconds(3));
                long firstCount = countIn(first);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> reconstructions(page) > firstCount + IMAGES_PER_SECOND);
                String second = chromium.dumpDom(page, Duration.ofSeconds(3));

                assertThat(firstCount).isPositive();
                assertThat(countIn(second)).isGreaterThan(firstCount);
                assertThat(SAMPLE_IMAGE.matcher(second).results().count()).isGreaterThanOrEqualTo(3);
                assertThat(THROUGHPUT_LINE.matcher(second).find())
                        .as("the throughput chart has a line")
                        .isTrue();
                assertThat(second).contains("id=\"ready\" class=\"badge up\"");

                Path screenshot = Path.of("target", "live-page.png");
                chromium.screenshot(page, Duration.ofSeconds(3), 1280, 1000, screenshot);
                assertThat(Files.size(screenshot)).isGreaterThan(20_000);
            } finally {
                feeding.set(false);
                feed.join(10_000);
            }
        }
    }

    private static long reconstructions(URI page) throws Exception {
        String json = Http.get(page, "api/live").body();
        Matcher total = Pattern.compile("\"reconstructions\":([0-9]+)").matcher(json);
        return total.find() ? Long.parseLong(total.group(1)) : 0;
    }

    private static long countIn(String dom) {
        Matcher count = RECONSTRUCTIONS.matcher(dom);
        assertThat(count.find()).as("the page shows the reconstructions count").isTrue();
        return Long.parseLong(count.group(1).replace(",", ""));
    }

    /** Noisy digits with references, at a steady rate, until told to stop. */
    private static void feed(String bootstrapServers, TopicNames topics, AtomicBoolean feeding) {
        List<NoisyImage> images = NoisyMnist.withReferences(500, 7);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(),
                new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (long sent = 0; feeding.get(); sent++) {
                NoisyImage image = images.get((int) (sent % images.size()));
                byte[] value = sent % MALFORMED_EVERY == MALFORMED_EVERY - 1
                        ? TestData.malformedJson() // a dead letter now and then, for the page to show
                        : TestData.json(image);
                // a refused image only makes the page's numbers move less, which the test sees
                Future<RecordMetadata> unusedSent =
                        producer.send(new ProducerRecord<>(topics.input(), image.id() + "~" + sent, value));
                long due = start + sent * 1_000_000_000L / IMAGES_PER_SECOND;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing a producer, not waiting for a result
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private StreamAppConfig config(String bootstrapServers, String run, TopicNames topics) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("bootstrap.servers", bootstrapServers);
        settings.put("application.id", "denoiser-live-page-it-" + run);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("state.dir", stateDir.toString());
        settings.put("model.dir", Objects.requireNonNull(System.getProperty("denoiser.model"), "denoiser.model"));
        settings.put("http.port", "0");
        settings.put("startup.timeout.ms", "30000");
        return StreamAppConfig.from(settings);
    }
}
