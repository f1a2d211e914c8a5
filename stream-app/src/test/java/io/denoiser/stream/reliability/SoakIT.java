package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Minutes at a steady rate with the app as its own OS process, run with the Dockerfile's JVM options under
 * docker-compose's memory limit ({@link DeployedMemory}): the heap after a full collection, the resident size (heap,
 * JVM, ONNX Runtime, RocksDB, JavaCPP), the JVM's own native memory (Native Memory Tracking) and the state store on
 * disk are sampled every {@link #SAMPLE_EVERY} and must stay flat: after a warm-up, the median of the last third of
 * the samples within a stated bound of the median of the first third. The series is printed for
 * docs/RELIABILITY.md.
 *
 * <p>System properties: {@code denoiser.soak.minutes} (default 5), {@code denoiser.soak.rate} (images per second,
 * default 100). Only with {@code -Preliability}.
 */
@Tag("long")
@Timeout(value = 2, unit = TimeUnit.HOURS) // a hang guard for long soaks; the test waits on conditions
class SoakIT {

    private static final double MINUTES = Double.parseDouble(System.getProperty("denoiser.soak.minutes", "5"));
    private static final double PER_SECOND = Double.parseDouble(System.getProperty("denoiser.soak.rate", "100"));
    private static final Duration SAMPLE_EVERY = Duration.ofSeconds(10);
    /** Samples before this share of the run (and the first minute) are the JIT's and the caches' warm-up. */
    private static final double WARM_UP_SHARE = 0.2;

    private static final Duration START = Duration.ofMinutes(2);
    private static final Duration STOP = Duration.ofMinutes(1);
    private static final long MIB = 1 << 20;

    /** A bound: the last third's median at most {@code factor} times the first third's, plus {@code slack}. */
    private record Bound(String what, ToLongFunction<ProcessMemory.Sample> value, double factor, long slack) {}

    private static final List<Bound> BOUNDS = List.of(
            new Bound("heap after GC", ProcessMemory.Sample::heapAfterGc, 1.25, 16 * MIB),
            new Bound("resident size", ProcessMemory.Sample::resident, 1.10, 32 * MIB),
            new Bound("JVM native (NMT)", ProcessMemory.Sample::jvmNativeCommitted, 1.10, 16 * MIB),
            new Bound("state store", ProcessMemory.Sample::store, 2.0, 8 * MIB));

    @Test
    void shouldKeepHeapNativeMemoryAndStoreFlatAtASteadyRate() throws Exception {
        // given
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        Path dir = RunFolder.of("soak", run);
        Path state = dir.resolve("state");
        List<NoisyImage> images = NoisyMnist.withReferences((int) (MINUTES * 60 * PER_SECOND), 41);
        List<String> jvm = DeployedMemory.jvmOptionsUnderTheLimit("-XX:NativeMemoryTracking=summary");
        List<ProcessMemory.Sample> samples = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start()) {
            broker.createTopics(2, topics.input(), topics.output(), topics.deadLetter());
            Map<String, String> settings =
                    AppSettings.of(broker.bootstrapServers(), "denoiser-soak-" + run, topics, state);
            try (AppProcess app = AppProcess.start("app", settings, dir, jvm);
                    ImageFeed feed = ImageFeed.open(broker.bootstrapServers(), topics.input(), images, PER_SECOND);
                    OutputTally outputs =
                            OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_UNCOMMITTED)) {
                app.awaitRunning(1, START);

                // when: images at a steady rate, sampled every 10 s
                long started = System.nanoTime();
                feed.start();
                long nextSample = started;
                while (outputs.distinct() < images.size()
                        && System.nanoTime() - started < (long) ((MINUTES * 60 + 120) * 1e9)) {
                    assertThat(app.isAlive()).as(app.tail(40)).isTrue();
                    if (System.nanoTime() >= nextSample) {
                        samples.add(ProcessMemory.sample(app.pid(), (System.nanoTime() - started) / 1e9, state, true));
                        nextSample += SAMPLE_EVERY.toNanos();
                    }
                    outputs.poll(Duration.ofMillis(100));
                }
                feed.awaitAllAcknowledged(STOP);
                System.out.print(report(jvm, samples, outputs, images.size()));

                // then
                assertThat(outputs.distinct()).as("images out").isEqualTo(images.size());
                assertThat(outputs.deadLetterKeys()).as("dead letters").isEmpty();
                assertThat(app.tail(2000)).doesNotContain("OutOfMemoryError");
                assertThat(app.terminate(STOP)).as("exit status on SIGTERM").isZero();
            }
        }
        List<ProcessMemory.Sample> steady = afterWarmUp(samples);
        int third = steady.size() / 3;
        assertThat(third).as("samples in each third after the warm-up").isGreaterThanOrEqualTo(3);
        for (Bound bound : BOUNDS) {
            long first = median(steady.subList(0, third), bound.value());
            long last = median(steady.subList(steady.size() - third, steady.size()), bound.value());
            assertThat(last)
                    .as("%s: median of the last third (first third %,d bytes)", bound.what(), first)
                    .isLessThanOrEqualTo((long) (first * bound.factor()) + bound.slack());
        }
    }

    private static List<ProcessMemory.Sample> afterWarmUp(List<ProcessMemory.Sample> samples) {
        double end = samples.isEmpty() ? 0 : samples.get(samples.size() - 1).seconds();
        double warmUp = Math.max(60, end * WARM_UP_SHARE);
        return samples.stream().filter(sample -> sample.seconds() >= warmUp).toList();
    }

    private static long median(List<ProcessMemory.Sample> samples, ToLongFunction<ProcessMemory.Sample> value) {
        long[] values = samples.stream().mapToLong(value).sorted().toArray();
        return values[values.length / 2];
    }

    private static String report(
            List<String> jvm, List<ProcessMemory.Sample> samples, OutputTally outputs, int images) {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "soak: %,d images at %.0f/s (%.1f min), JVM options %s; %,d out, %d dead letters%n"
                        + "     s  heap-after-GC MiB  RSS MiB  peak RSS MiB  JVM-NMT MiB  store MiB%n",
                images,
                PER_SECOND,
                MINUTES,
                String.join(" ", jvm),
                outputs.distinct(),
                outputs.deadLetterKeys().size()));
        for (ProcessMemory.Sample sample : samples) {
            text.append(String.format(
                    Locale.ROOT,
                    "%6.0f  %17.1f  %7.1f  %12.1f  %11.1f  %9.2f%n",
                    sample.seconds(),
                    sample.heapAfterGc() / (double) MIB,
                    sample.resident() / (double) MIB,
                    sample.peakResident() / (double) MIB,
                    sample.jvmNativeCommitted() / (double) MIB,
                    sample.store() / (double) MIB));
        }
        List<ProcessMemory.Sample> steady = afterWarmUp(samples);
        int third = steady.size() / 3;
        if (third > 0) {
            for (Bound bound : BOUNDS) {
                long first = median(steady.subList(0, third), bound.value());
                long last = median(steady.subList(steady.size() - third, steady.size()), bound.value());
                text.append(String.format(
                        Locale.ROOT,
                        "  %-17s median first third %8.1f MiB, last third %8.1f MiB (%+.1f%%; bound x%.2f + %d MiB)%n",
                        bound.what(),
                        first / (double) MIB,
                        last / (double) MIB,
                        first == 0 ? 0.0 : 100.0 * (last - first) / first,
                        bound.factor(),
                        bound.slack() / MIB));
            }
        }
        return text.toString();
    }
}
