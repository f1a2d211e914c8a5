package io.denoiser.stream.reliability;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.AppProcess;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;

/**
 * Two instances of the app (each its own OS process, one {@code application.id}, state folders of their own) share a
 * 4-partition input while images flow at a steady rate; once both run steadily, one is SIGKILLed, and the drill
 * measures from outside how long the partitions of the killed one stay silent:
 *
 * <ul>
 *   <li><b>detection</b>: kill to the survivor's {@code RUNNING -> REBALANCING} line (the group coordinator has
 *       given up on the killed member: {@code session.timeout.ms});
 *   <li><b>rebalance and restore</b>: that line to the survivor's next {@code -> RUNNING} (it restores the killed
 *       one's batch buffers from their changelogs, unless it kept standby replicas of them);
 *   <li><b>takeover</b>: kill to the first reconstruction of each output partition (keyed by image id like the input,
 *       so an output partition is an input partition); the slowest partition is the takeover time users see.
 * </ul>
 *
 * With {@code restartAfter} the killed instance is started again after that delay with the same state folder (as a
 * supervisor would), for static membership. Every image must come out at the end.
 */
final class FailoverDrill {

    /** What to run. */
    record Plan(
            String name,
            String guarantee,
            Map<String, String> settings,
            Duration killAfterSteady,
            Duration expectedSilence,
            Optional<Duration> restartAfter) {}

    /** What was measured and what came out. */
    record Outcome(
            Plan plan,
            int images,
            Optional<Double> detectionSeconds,
            Optional<Double> rebalanceSeconds,
            Map<Integer, Double> firstOutputAfterKill,
            List<String> survivorLinesAfterKill,
            Set<String> missing,
            long duplicatesForCommittedReaders,
            long duplicatesForUncommittedReaders,
            int deadLetters,
            int survivorExitStatus,
            double seconds) {

        double takeoverSeconds() {
            return firstOutputAfterKill.values().stream()
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(Double.NaN);
        }
    }

    static final int PARTITIONS = 4;
    private static final double PER_SECOND = 50;
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration STEADY_FOR = Duration.ofSeconds(5);
    private static final Duration ALL_OUT_AFTER_FEED = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofMinutes(1);

    private final EmbeddedKafkaBroker broker;
    private final Plan plan;
    private final String run = PipelineTopics.newRun();
    private final TopicNames topics = PipelineTopics.unique(run);
    private final Path dir;
    private final String applicationId;

    private FailoverDrill(EmbeddedKafkaBroker broker, Plan plan) {
        this.broker = broker;
        this.plan = plan;
        this.dir = RunFolder.of("failover-" + plan.name(), run);
        this.applicationId = "denoiser-failover-" + plan.name() + "-" + run;
    }

    static Outcome run(EmbeddedKafkaBroker broker, Plan plan) throws InterruptedException {
        return new FailoverDrill(broker, plan).run();
    }

    private Map<String, String> settings(String instance) {
        Map<String, String> settings =
                AppSettings.of(broker.bootstrapServers(), applicationId, topics, dir.resolve("state-" + instance));
        settings.put("processing.guarantee", plan.guarantee());
        settings.put("startup.timeout.ms", Long.toString(START.toMillis()));
        plan.settings().forEach((key, value) -> settings.put(key, value.replace("{instance}", instance)));
        return settings;
    }

    private Outcome run() throws InterruptedException {
        long started = System.nanoTime();
        broker.createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter());
        // published from the start until well after the takeover: every partition keeps receiving images
        double feedSeconds = 30
                + plan.killAfterSteady().toSeconds()
                + 1.5 * plan.expectedSilence().toSeconds();
        List<NoisyImage> images = NoisyMnist.withReferences((int) (feedSeconds * PER_SECOND), 31);
        try (AppProcess killed = AppProcess.start("app-a", settings("a"), dir);
                AppProcess survivor = AppProcess.start("app-b", settings("b"), dir);
                ImageFeed feed = ImageFeed.open(broker.bootstrapServers(), topics.input(), images, PER_SECOND);
                OutputTally outputs =
                        OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_UNCOMMITTED)) {
            killed.awaitRunning(1, START);
            survivor.awaitRunning(1, START);
            feed.start();
            awaitSteady(outputs, killed, survivor);
            pollFor(outputs, plan.killAfterSteady(), killed, survivor);

            // the kill
            outputs.mark(System.nanoTime());
            long killNanos = System.nanoTime();
            killed.kill();
            AppProcess restarted = null;
            try {
                if (plan.restartAfter().isPresent()) {
                    pollFor(outputs, plan.restartAfter().get(), survivor);
                    restarted = AppProcess.start("app-a-restarted", settings("a"), dir);
                }
                long deadline = System.nanoTime() + (long) (feedSeconds * 1e9) + ALL_OUT_AFTER_FEED.toNanos();
                while ((outputs.distinct() < images.size()
                                || outputs.secondsToFirstAfterMark().size() < PARTITIONS)
                        && System.nanoTime() < deadline) {
                    requireAlive(survivor);
                    outputs.poll(Duration.ofMillis(100));
                }
                feed.awaitAllAcknowledged(STOP);
                outputs.drain(Duration.ofSeconds(2));
                int survivorStatus = survivor.terminate(STOP);
                if (restarted != null) {
                    restarted.terminate(STOP);
                }
                return outcome(images, outputs, survivor, killNanos, survivorStatus, started);
            } finally {
                if (restarted != null) {
                    restarted.close();
                }
            }
        }
    }

    /** Both run, every partition flows, and neither instance's state changed for {@link #STEADY_FOR}. */
    private static void awaitSteady(OutputTally outputs, AppProcess... apps) {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            for (AppProcess app : apps) {
                requireAlive(app);
            }
            outputs.poll(Duration.ofMillis(100));
            long now = System.nanoTime();
            boolean steady = true;
            for (AppProcess app : apps) {
                List<AppProcess.LogLine> states = app.matching(line -> line.contains("StateWatch - Kafka Streams"));
                AppProcess.LogLine last = states.get(states.size() - 1);
                steady &= last.text().endsWith("-> RUNNING") && now - last.nanos() > STEADY_FOR.toNanos();
            }
            if (steady && outputs.distinct() > 100) {
                return;
            }
        }
        throw new AssertionError("the two instances did not run steadily within " + START);
    }

    private static void pollFor(OutputTally outputs, Duration duration, AppProcess... apps) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            for (AppProcess app : apps) {
                requireAlive(app);
            }
            outputs.poll(Duration.ofMillis(100));
        }
    }

    private static void requireAlive(AppProcess app) {
        if (!app.isAlive()) {
            throw new AssertionError(app.name() + " exited by itself with status " + app.awaitExit(STOP)
                    + "; its log ends with:\n" + app.tail(40));
        }
    }

    private Outcome outcome(
            List<NoisyImage> images,
            OutputTally uncommitted,
            AppProcess survivor,
            long killNanos,
            int survivorStatus,
            long started) {
        Optional<AppProcess.LogLine> rebalancing =
                survivor.firstAfter(killNanos, line -> line.contains("RUNNING -> REBALANCING"));
        Optional<AppProcess.LogLine> running = rebalancing.flatMap(
                line -> survivor.firstAfter(line.nanos(), text -> text.contains("REBALANCING -> RUNNING")));
        List<String> linesAfterKill = survivor
                .matching(line -> line.contains("StateWatch")
                        || line.contains("StoreChangelogReader")
                        || line.contains("BrokerWatch"))
                .stream()
                .filter(line -> line.nanos() >= killNanos)
                .map(AppProcess.LogLine::text)
                .limit(20)
                .toList();
        try (OutputTally committed =
                OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_COMMITTED)) {
            committed.awaitDistinct(images.size(), Duration.ofSeconds(30));
            committed.drain(Duration.ofSeconds(2));
            Map<String, Integer> perId = committed.reconstructionsPerId();
            Set<String> missing = images.stream()
                    .map(NoisyImage::id)
                    .filter(id -> !perId.containsKey(id))
                    .collect(Collectors.toCollection(TreeSet::new));
            return new Outcome(
                    plan,
                    images.size(),
                    rebalancing.map(line -> (line.nanos() - killNanos) / 1e9),
                    running.flatMap(end -> rebalancing.map(start -> (end.nanos() - start.nanos()) / 1e9)),
                    uncommitted.secondsToFirstAfterMark(),
                    linesAfterKill,
                    missing,
                    committed.duplicates(),
                    uncommitted.duplicates(),
                    committed.deadLetterKeys().size(),
                    survivorStatus,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The figures for the build log and docs/RELIABILITY.md. */
    static String report(Outcome outcome) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("detection (kill to survivor's REBALANCING)", seconds(outcome.detectionSeconds()));
        figures.put("rebalance and restore (REBALANCING to RUNNING)", seconds(outcome.rebalanceSeconds()));
        figures.put(
                "takeover (kill to first output of every partition)", seconds(Optional.of(outcome.takeoverSeconds())));
        Map<Integer, String> perPartition = new HashMap<>();
        outcome.firstOutputAfterKill().forEach((p, s) -> perPartition.put(p, String.format(Locale.ROOT, "%.1f", s)));
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "failover %s (%s, %s%s): %,d images at %.0f/s, %.0f s%n",
                outcome.plan().name(),
                outcome.plan().guarantee(),
                outcome.plan().settings(),
                outcome.plan()
                        .restartAfter()
                        .map(d -> ", killed one restarted after " + d.toSeconds() + " s")
                        .orElse(""),
                outcome.images(),
                PER_SECOND,
                outcome.seconds()));
        figures.forEach((what, value) ->
                text.append("  ").append(what).append(": ").append(value).append('\n'));
        text.append("  first output after the kill per partition (s): ")
                .append(perPartition)
                .append('\n');
        text.append(String.format(
                Locale.ROOT,
                "  images lost: %d; duplicates for read_committed readers: %d, for read_uncommitted: %d; dead letters: %d;"
                        + " survivor's exit status on SIGTERM: %d%n",
                outcome.missing().size(),
                outcome.duplicatesForCommittedReaders(),
                outcome.duplicatesForUncommittedReaders(),
                outcome.deadLetters(),
                outcome.survivorExitStatus()));
        outcome.survivorLinesAfterKill()
                .forEach(line -> text.append("  | ").append(line).append('\n'));
        return text.toString();
    }

    private static String seconds(Optional<Double> seconds) {
        return seconds.map(s -> String.format(Locale.ROOT, "%.1f s", s)).orElse("none");
    }
}
