package io.denoiser.stream.reliability;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.AppProcess;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.IsolationLevel;

/**
 * Kills the app (its own OS process) with SIGKILL at chosen moments while images flow, restarts it each time on the
 * same state folder, as a supervisor would, and reports what came out. The images are published at a steady rate from
 * the moment the first instance runs, also while the app is down. After the last kill the app runs until every image
 * has come out, then is stopped with SIGTERM.
 *
 * <p>The app runs with batches of up to 16 images or 100 ms (more waiting in the buffer at a kill than with the
 * defaults, so more to restore and replay) and {@code session.timeout.ms=6000}, so that a restarted instance does
 * not wait the default 45 s for the killed one to leave the group.
 */
final class CrashDrill {

    /** What to do. */
    record Plan(String guarantee, int images, double perSecond, List<KillPoint> kills) {}

    /** One kill: where, whether its moment was seen (else the kill came at the timeout), and the state then. */
    record Kill(
            KillPoint point,
            boolean seen,
            double secondsAfterRunning,
            int bufferedAtKill,
            long committedOffsetsAtKill,
            int distinctOutAtKill,
            int acknowledgedAtKill) {}

    /** What came out, for {@code read_committed} and {@code read_uncommitted} readers. */
    record Outcome(
            Plan plan,
            List<Kill> kills,
            Set<String> missingForCommittedReaders,
            Map<String, Integer> duplicatedForCommittedReaders,
            long committedRecords,
            long uncommittedRecords,
            List<String> deadLetters,
            int finalExitStatus,
            double seconds) {

        long duplicatesForCommittedReaders() {
            return duplicatedForCommittedReaders.values().stream()
                    .mapToLong(count -> count - 1)
                    .sum();
        }
    }

    private static final int PARTITIONS = 2;
    private static final long NOISE_SEED = 12;
    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration MOMENT_WITHIN = Duration.ofSeconds(30);
    private static final Duration ALL_OUT_WITHIN = Duration.ofMinutes(3);
    private static final Duration STOP = Duration.ofMinutes(1);
    /** Reconstructions a restarted instance must publish before the next kill is armed: it works, not only starts. */
    private static final int PROGRESS_BEFORE_KILL = 40;

    private final EmbeddedKafkaBroker broker;
    private final Plan plan;
    private final String run = PipelineTopics.newRun();
    private final TopicNames topics = PipelineTopics.unique(run);
    private final String applicationId;
    private final Path dir;
    private final Map<String, String> settings;

    private CrashDrill(EmbeddedKafkaBroker broker, Plan plan) {
        this.broker = broker;
        this.plan = plan;
        this.applicationId = "denoiser-crash-" + plan.guarantee().replace('_', '-') + "-" + run;
        this.dir = RunFolder.of("crash-" + plan.guarantee(), run);
        this.settings = AppSettings.of(broker.bootstrapServers(), applicationId, topics, dir.resolve("state"));
        settings.put("processing.guarantee", plan.guarantee());
        settings.put("max.batch.size", "16");
        settings.put("max.batch.delay.ms", "100");
        settings.put("session.timeout.ms", "6000");
        settings.put("heartbeat.interval.ms", "1500");
        settings.put("startup.timeout.ms", Long.toString(START.toMillis()));
    }

    static Outcome run(EmbeddedKafkaBroker broker, Plan plan) throws InterruptedException {
        return new CrashDrill(broker, plan).run();
    }

    private Outcome run() throws InterruptedException {
        long started = System.nanoTime();
        broker.createTopics(PARTITIONS, topics.input(), topics.output(), topics.deadLetter());
        List<NoisyImage> images = NoisyMnist.withReferences(plan.images(), NOISE_SEED);
        List<Kill> kills = new ArrayList<>();
        int exitStatus;
        try (ImageFeed feed = ImageFeed.open(broker.bootstrapServers(), topics.input(), images, plan.perSecond());
                OutputTally progress =
                        OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_UNCOMMITTED);
                CommittedOffsets offsets =
                        new CommittedOffsets(broker.bootstrapServers(), applicationId, topics.input())) {
            BufferChangelog changelog = null;
            try {
                for (int i = 0; i < plan.kills().size(); i++) {
                    try (AppProcess app = AppProcess.start("app-" + (i + 1), settings, dir)) {
                        long running = app.awaitRunning(1, START).nanos();
                        if (i == 0) {
                            feed.start(); // from now on at a steady rate, through every kill and restart
                        }
                        awaitProgress(app, progress, images.size());
                        if (changelog == null) {
                            changelog = BufferChangelog.open(broker.bootstrapServers(), applicationId);
                        }
                        kills.add(killAt(plan.kills().get(i), app, running, progress, changelog, offsets, feed));
                    }
                }
            } finally {
                if (changelog != null) {
                    changelog.close();
                }
            }
            try (AppProcess app = AppProcess.start("app-final", settings, dir)) {
                app.awaitRunning(1, START);
                awaitUntil(app, () -> progress.awaitDistinct(images.size(), Duration.ofMillis(200)), ALL_OUT_WITHIN);
                feed.awaitAllAcknowledged(STOP);
                exitStatus = app.terminate(STOP);
            }
            progress.drain(Duration.ofSeconds(2));
            return outcome(images, kills, progress, exitStatus, started);
        }
    }

    /** Waits until this instance has published some reconstructions of its own (or all images are out). */
    private static void awaitProgress(AppProcess app, OutputTally progress, int images) {
        int target = Math.min(images, progress.distinct() + PROGRESS_BEFORE_KILL);
        awaitUntil(app, () -> progress.awaitDistinct(target, Duration.ofMillis(200)), START);
    }

    private static Kill killAt(
            KillPoint point,
            AppProcess app,
            long runningNanos,
            OutputTally progress,
            BufferChangelog changelog,
            CommittedOffsets offsets,
            ImageFeed feed) {
        changelog.poll(Duration.ZERO);
        long writesBefore = changelog.writes();
        long reconstructionsBefore = progress.reconstructions();
        long committedBefore = offsets.sum();
        BooleanSupplier moment = switch (point) {
            case BUFFERED ->
                () -> {
                    changelog.poll(Duration.ofMillis(5));
                    return changelog.writes() > writesBefore && changelog.live() > 0;
                };
            case AFTER_FLUSH ->
                () -> {
                    progress.poll(Duration.ofMillis(5));
                    return progress.reconstructions() > reconstructionsBefore;
                };
            case AT_COMMIT -> () -> offsets.sum() != committedBefore;
        };
        long deadline = System.nanoTime() + MOMENT_WITHIN.toNanos();
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            requireAlive(app);
            seen = moment.getAsBoolean();
        }
        int buffered = changelog.live();
        long committed = offsets.sum();
        app.kill();
        double afterRunning = (System.nanoTime() - runningNanos) / 1e9;
        return new Kill(point, seen, afterRunning, buffered, committed, progress.distinct(), feed.acknowledged());
    }

    private static void awaitUntil(AppProcess app, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            requireAlive(app);
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        app.name() + ": no progress within " + timeout + "; log ends with:\n" + app.tail(40));
            }
        }
    }

    /** An instance that exits by itself has failed: that is a finding, not something to restart through. */
    private static void requireAlive(AppProcess app) {
        if (!app.isAlive()) {
            throw new AssertionError(app.name() + " exited by itself with status " + app.awaitExit(STOP) + " (log "
                    + app.logFile() + "); it ends with:\n" + app.tail(40));
        }
    }

    private Outcome outcome(
            List<NoisyImage> images, List<Kill> kills, OutputTally uncommitted, int exitStatus, long started) {
        try (OutputTally committed =
                OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_COMMITTED)) {
            committed.awaitDistinct(images.size(), Duration.ofSeconds(30));
            committed.drain(Duration.ofSeconds(2));
            Map<String, Integer> perId = committed.reconstructionsPerId();
            Set<String> missing = images.stream()
                    .map(NoisyImage::id)
                    .filter(id -> !perId.containsKey(id))
                    .collect(Collectors.toCollection(TreeSet::new));
            Map<String, Integer> duplicated = perId.entrySet().stream()
                    .filter(entry -> entry.getValue() > 1)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            return new Outcome(
                    plan,
                    kills,
                    missing,
                    duplicated,
                    committed.reconstructions(),
                    uncommitted.reconstructions(),
                    committed.deadLetterKeys(),
                    exitStatus,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** The figures for the build log and docs/RELIABILITY.md. */
    static String report(Outcome outcome) {
        StringBuilder text = new StringBuilder();
        Plan plan = outcome.plan();
        text.append(String.format(
                Locale.ROOT,
                "crash drill %s: %,d images at %.0f/s, %d SIGKILLs, %.0f s%n",
                plan.guarantee(),
                plan.images(),
                plan.perSecond(),
                plan.kills().size(),
                outcome.seconds()));
        for (Kill kill : outcome.kills()) {
            text.append(String.format(
                    Locale.ROOT,
                    "  kill %-11s %-4s %5.1f s after RUNNING; buffer entries live %3d, committed input offsets %,6d,"
                            + " distinct images out %,6d, published %,6d%n",
                    kill.point(),
                    kill.seen() ? "seen" : "TIMEOUT",
                    kill.secondsAfterRunning(),
                    kill.bufferedAtKill(),
                    kill.committedOffsetsAtKill(),
                    kill.distinctOutAtKill(),
                    kill.acknowledgedAtKill()));
        }
        text.append(String.format(
                Locale.ROOT,
                "  images lost: %d; read_committed readers: %,d reconstructions, %,d duplicates;"
                        + " read_uncommitted readers: %,d reconstructions; dead letters: %d; exit status on SIGTERM: %d%n",
                outcome.missingForCommittedReaders().size(),
                outcome.committedRecords(),
                outcome.duplicatesForCommittedReaders(),
                outcome.uncommittedRecords(),
                outcome.deadLetters().size(),
                outcome.finalExitStatus()));
        return text.toString();
    }
}
