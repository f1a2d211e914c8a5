package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.AppProcess;
import io.denoiser.stream.fixtures.ClosedPort;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker goes away and comes back, on the same port and log directory, while the app runs as its own OS process:
 * at start-up, mid-run, and mid-run for longer than {@code task.timeout.ms}. The app says when Kafka is unreachable
 * and when it is back ({@code BrokerWatch}), and once the broker is back every image published comes out.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard; the tests wait on conditions
class BrokerOutageIT {

    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration ALL_OUT_WITHIN = Duration.ofMinutes(4);
    private static final Duration STOP = Duration.ofMinutes(1);
    private static final String UNREACHABLE = "BrokerWatch - Kafka unreachable at ";
    private static final String BACK = "BrokerWatch - Kafka reachable again at ";

    private EmbeddedKafkaBroker broker;
    private int port;
    private Path brokerDir;

    @AfterEach
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldWaitForABrokerThatIsDownAtStartAndDenoiseEveryImageOnceItComes() throws Exception {
        // given: the broker has run (topics exist) and is down when the app starts
        Outage outage = new Outage("outage-at-start", 400);
        startBroker(outage.dir);
        broker.createTopics(2, outage.topics.input(), outage.topics.output(), outage.topics.deadLetter());
        outage.settings.put("bootstrap.servers", broker.bootstrapServers());
        broker.close();
        try (AppProcess app = AppProcess.start("app", outage.settings, outage.dir)) {
            AppProcess.LogLine unreachable = app.awaitLine(UNREACHABLE, START);

            // when: the broker comes back 15 s later, and the images come
            long downFor = Math.max(0, 15_000_000_000L - (System.nanoTime() - unreachable.nanos()));
            TimeUnit.NANOSECONDS.sleep(downFor); // the outage itself: the time the broker stays away
            restartBroker();
            app.awaitRunning(1, START);
            AppProcess.LogLine back = app.awaitLine(BACK, START);

            // then
            Result result;
            try (ImageFeed feed = ImageFeed.open(broker.bootstrapServers(), outage.topics.input(), outage.images, 0)) {
                feed.start();
                result = outage.collect(app);
                feed.awaitAllAcknowledged(STOP);
            }
            System.out.print(result.report("broker down at start for 15 s", unreachable, back));
            assertThat(result.missing).as("images lost").isEmpty();
            assertThat(result.deadLetters).as("dead letters").isZero();
            assertThat(app.isAlive()).isTrue();
            assertThat(app.terminate(STOP)).isZero();
        }
    }

    @Test
    void shouldSayWhenTheBrokerIsGoneAndBackAndLoseNothingWhenItGoesMidRun() throws Exception {
        // given
        Outage outage = new Outage("outage-mid-run", 1_500);
        startBroker(outage.dir);
        outage.run(Duration.ofSeconds(20));
    }

    /**
     * Longer than {@code task.timeout.ms} (10 s here, 5 min by default) and than the producer's
     * {@code delivery.timeout.ms} (10 s here, 2 min by default): sends expire with a {@code TimeoutException}, which
     * {@code OversizedRecordHandler} answers with RETRY, so Kafka Streams reprocesses the task from its last commit
     * once the broker is back instead of dropping the record (RESUME) or stopping the instance (FAIL).
     */
    @Test
    @Tag("long") // about 80 s: only with -Preliability
    void shouldLoseNothingWhenTheOutageOutlastsTaskTimeoutAndDeliveryTimeout() throws Exception {
        // given
        Outage outage = new Outage("outage-past-task-timeout", 1_500);
        outage.settings.put("task.timeout.ms", "10000");
        outage.settings.put("producer.request.timeout.ms", "5000");
        outage.settings.put("producer.delivery.timeout.ms", "10000");
        startBroker(outage.dir);
        outage.run(Duration.ofSeconds(45));
    }

    private void startBroker(Path dir) {
        brokerDir = dir.resolve("broker");
        broker =
                EmbeddedKafkaBroker.builder().logDir(brokerDir).port(freePort()).start();
        port = Integer.parseInt(
                broker.bootstrapServers().substring(broker.bootstrapServers().lastIndexOf(':') + 1));
    }

    private void restartBroker() {
        broker = EmbeddedKafkaBroker.builder().logDir(brokerDir).port(port).start();
    }

    private static int freePort() {
        String address = ClosedPort.nowhere();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    /** One test's topics, group, settings and images; the broker is this test's. */
    private final class Outage {
        final String run = PipelineTopics.newRun();
        final TopicNames topics = PipelineTopics.unique(run);
        final Path dir;
        final Map<String, String> settings;
        final List<NoisyImage> images;

        Outage(String name, int images) {
            this.dir = RunFolder.of(name, run);
            this.images = NoisyMnist.withReferences(images, 21);
            this.settings = AppSettings.of(
                    "set-when-the-broker-runs", "denoiser-" + name + "-" + run, topics, dir.resolve("state"));
            settings.put("startup.timeout.ms", Long.toString(START.toMillis()));
            settings.put("session.timeout.ms", "6000");
            settings.put("heartbeat.interval.ms", "1500");
        }

        /** Mid-run: images at 50/s; the broker stops once some are out, stays away for {@code down}, comes back. */
        void run(Duration down) throws Exception {
            broker.createTopics(2, topics.input(), topics.output(), topics.deadLetter());
            settings.put("bootstrap.servers", broker.bootstrapServers());
            try (AppProcess app = AppProcess.start("app", settings, dir);
                    ImageFeed feed = ImageFeed.open(broker.bootstrapServers(), topics.input(), images, 50)) {
                app.awaitRunning(1, START);
                feed.start();
                try (OutputTally early =
                        OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_UNCOMMITTED)) {
                    assertThat(early.awaitDistinct(200, START)).as(app.tail(40)).isTrue();
                }

                // when: the broker goes away while images flow, and comes back on the same port
                int outBeforeOutage = feed.acknowledged();
                broker.close();
                AppProcess.LogLine unreachable = app.awaitLine(UNREACHABLE, START);
                TimeUnit.MILLISECONDS.sleep(down.toMillis()); // the outage itself
                boolean aliveThroughOutage = app.isAlive();
                restartBroker();
                AppProcess.LogLine back = app.awaitLine(BACK, START);

                // then: everything comes out, and the instance lived through it
                Result result = collect(app);
                feed.awaitAllAcknowledged(STOP);
                System.out.print(result.report(
                        String.format(
                                Locale.ROOT,
                                "broker down mid-run for %d s (task.timeout.ms=%s), %d images acknowledged before",
                                down.toSeconds(),
                                settings.getOrDefault("task.timeout.ms", "default 300000"),
                                outBeforeOutage),
                        unreachable,
                        back));
                assertThat(aliveThroughOutage)
                        .as("alive at the end of the outage")
                        .isTrue();
                assertThat(result.missing).as("images lost").isEmpty();
                assertThat(result.deadLetters).as("dead letters").isZero();
                assertThat(app.isAlive()).as(app.tail(40)).isTrue();
                assertThat(app.terminate(STOP)).isZero();
            }
        }

        /** Reads until every image has come out, the app has exited, or {@link #ALL_OUT_WITHIN} has passed. */
        Result collect(AppProcess app) {
            long started = System.nanoTime();
            try (OutputTally outputs =
                    OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_COMMITTED)) {
                long deadline = System.nanoTime() + ALL_OUT_WITHIN.toNanos();
                while (outputs.distinct() < images.size() && System.nanoTime() < deadline && app.isAlive()) {
                    outputs.poll(Duration.ofMillis(200));
                }
                outputs.drain(Duration.ofSeconds(1));
                Map<String, Integer> perId = outputs.reconstructionsPerId();
                Set<String> missing = images.stream()
                        .map(NoisyImage::id)
                        .filter(id -> !perId.containsKey(id))
                        .collect(Collectors.toCollection(TreeSet::new));
                return new Result(
                        images.size(),
                        missing,
                        outputs.duplicates(),
                        outputs.deadLetterKeys().size(),
                        (System.nanoTime() - started) / 1e9,
                        app);
            }
        }
    }

    private record Result(
            int images, Set<String> missing, long duplicates, int deadLetters, double seconds, AppProcess app) {

        String report(String what, AppProcess.LogLine unreachable, AppProcess.LogLine back) {
            List<String> lines = app
                    .matching(line -> line.contains("BrokerWatch")
                            || line.contains("Kafka Streams")
                            || line.contains("OversizedRecordHandler")
                            || line.contains("TaskCorrupted"))
                    .stream()
                    .map(AppProcess.LogLine::text)
                    .toList();
            return String.format(
                    Locale.ROOT,
                    "%s: %,d images, lost %d, duplicates %d (at least once), dead letters %d; back line %.1f s after"
                            + " the unreachable line; all out %.1f s after the back line%n  %s%n",
                    what,
                    images,
                    missing.size(),
                    duplicates,
                    deadLetters,
                    (back.nanos() - unreachable.nanos()) / 1e9,
                    seconds,
                    String.join("\n  ", lines));
        }
    }
}
