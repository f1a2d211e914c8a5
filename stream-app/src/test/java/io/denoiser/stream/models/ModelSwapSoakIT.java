package io.denoiser.stream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.model.image.GrayImage;
import io.denoiser.stream.fixtures.ModelVersions;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelDenoisers;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.stream.inference.TaskModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many swaps in a row, each a full verification (load, runtime check, probe set), while one task per core denoises
 * batches without pause (the cores are all busy, as under a backlog): the process's resident memory stays flat (old
 * ONNX sessions and networks are released), and the batches keep flowing. Swaps alternate between a rollout that
 * verifies at background priority (the app's) and one that verifies at normal priority, so that one run shows what
 * the priority buys. {@code denoiser.soak.swaps} swaps (20 in {@code ./mvnw verify}; the {@code model-soak} profile
 * runs 500). Prints the batch figures around the swaps that docs/BENCHMARKS.md quotes.
 */
class ModelSwapSoakIT {

    private static final int SWAPS = Integer.getInteger("denoiser.soak.swaps", 20);
    /** Grows by ~5-10 MB per leaked ONNX session and DL4J network: a leak of every swap shows well above it. */
    private static final long MAX_GROWTH_BYTES = 96L << 20;

    private static final int BATCH = 32;
    private static final int BATCHES_BETWEEN_SWAPS = 40;

    @TempDir
    Path work;

    @Test
    @Timeout(value = 60, unit = TimeUnit.MINUTES) // a hang guard; the long profile runs ~10 min
    void shouldKeepMemoryFlatAndBatchesFlowingOverManySwaps() throws Exception {
        assumeThat(Files.isReadable(Path.of("/proc/self/status")))
                .as("Linux /proc")
                .isTrue();
        // given
        Path first = ModelVersions.copyOfShipped(work.resolve("a"));
        Path second = ModelVersions.perturbed(work.resolve("b"), 1e-3, 3);
        ProbeSet probes = ProbeSet.shipped(ProbeSet.DEFAULT_SIZE);
        CandidateCheck check = new CandidateCheck(probes, 0.5, ModelRuntime.ONNX, 1);
        var model = ModelDenoisers.load(first, ModelRuntime.ONNX, 1);
        LiveModel live = new LiveModel(model);
        double psnr = check.score(model);
        ModelRollout background = new ModelRollout(live, psnr, check, ModelSwapEvents.NONE);
        ModelRollout normal =
                new ModelRollout(live, psnr, check, ModelSwapEvents.NONE, VerificationThread.Priority.NORMAL);
        Batches batches = new Batches(live, probes.noisy().subList(0, BATCH));
        List<Thread> tasks = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            tasks.add(new Thread(batches, "soak-task-" + i));
        }
        tasks.forEach(Thread::start);
        List<long[]> backgroundWindows = new ArrayList<>();
        List<long[]> normalWindows = new ArrayList<>();
        // each swap's cycle: from its start to the next one's, the verification and the batches after it
        List<long[]> backgroundCycles = new ArrayList<>();
        List<long[]> normalCycles = new ArrayList<>();
        double rateBefore = batches.steadyRate(); // batches per ns of all tasks, with no swap going on
        List<long[]> gcWindows = new ArrayList<>(); // forced collections: their pauses are not the swaps'
        long baseline = 0;
        double steadyRate = 0;
        int warmUp = Math.max(5, SWAPS / 5);

        // when
        try {
            for (int swap = 1; swap <= SWAPS; swap++) {
                long start = System.nanoTime();
                boolean atBackground = swap % 4 < 2; // each rollout swaps to both versions
                assertThat((atBackground ? background : normal)
                                .offer(new Candidate(swap % 2 == 1 ? second : first, "soak", false)))
                        .isEqualTo(ModelRollout.Outcome.SWAPPED);
                (atBackground ? backgroundWindows : normalWindows).add(new long[] {start, System.nanoTime()});
                // batches with no swap going on, to compare
                int quiet = batches.count() + BATCHES_BETWEEN_SWAPS * tasks.size();
                await().atMost(Duration.ofMinutes(1)).until(() -> batches.count() >= quiet);
                if (swap == warmUp) {
                    long gcStart = System.nanoTime();
                    baseline = settledResidentBytes();
                    gcWindows.add(new long[] {gcStart, System.nanoTime()});
                } else {
                    (atBackground ? backgroundCycles : normalCycles).add(new long[] {start, System.nanoTime()});
                }
            }
            steadyRate = (rateBefore + batches.steadyRate()) / 2;
        } finally {
            batches.stop();
            for (Thread task : tasks) {
                task.join();
            }
            background.close();
            normal.close();
            live.close();
        }
        long end = settledResidentBytes();

        // then
        assertThat(batches.failure.get()).isNull();
        assertThat(batches.versionsSeen()).as("both versions served batches").hasSize(2);
        System.out.println(String.format(
                Locale.ROOT,
                "ModelSwapSoakIT: %d swaps, %d tasks; resident memory %d MB after %d swaps, %d MB after all (%+d MB);"
                        + " %.0f batches/s with no swap; verifying at background priority: %s, %s; at normal"
                        + " priority: %s, %s",
                SWAPS,
                tasks.size(),
                baseline >> 20,
                warmUp,
                end >> 20,
                (end - baseline) >> 20,
                steadyRate * 1e9,
                batches.report(backgroundWindows, normalWindows, gcWindows),
                batches.dip(backgroundCycles, steadyRate),
                batches.report(normalWindows, backgroundWindows, gcWindows),
                batches.dip(normalCycles, steadyRate)));
        assertThat(end - baseline).as("growth of resident memory, bytes").isLessThan(MAX_GROWTH_BYTES);
    }

    /** VmRSS after two garbage collections (ND4J arrays and closed sessions are released by cleaners). */
    private static long settledResidentBytes() throws IOException, InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(200); // lets the cleaner threads run; not a synchronisation of the test
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /** Tasks flushing batches back to back, as stream threads under a backlog do; one thread per task. */
    private static final class Batches implements Runnable {

        private final LiveModel live;
        private final List<GrayImage> images;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Start and end of every batch (ns), 16 bytes each: the soak's own memory must not hide a leak. */
        private final BatchTimes times = new BatchTimes();

        private final AtomicInteger count = new AtomicInteger();

        /** The versions that served batches. */
        private final CopyOnWriteArrayList<String> versions = new CopyOnWriteArrayList<>();

        Batches(LiveModel live, List<GrayImage> images) {
            this.live = live;
            this.images = images;
        }

        @Override
        public void run() {
            try (TaskModel model = TaskModel.open(live, Thread.currentThread().getName())) {
                while (running.get()) {
                    long start = System.nanoTime();
                    try (TaskModel.Flush flush = model.startFlush()) {
                        flush.denoiser().denoise(images);
                        versions.addIfAbsent(flush.version());
                    }
                    times.add(start, System.nanoTime());
                    count.incrementAndGet();
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }

        int count() {
            return count.get();
        }

        /** Batches per nanosecond of all tasks over 2 s, after at least 500 batches of warm-up. */
        double steadyRate() throws InterruptedException {
            await().atMost(Duration.ofMinutes(1)).until(() -> count() >= 500);
            long from = System.nanoTime();
            int before = count();
            Thread.sleep(2000); // the measured span, not a synchronisation
            return (count() - before) / (double) (System.nanoTime() - from);
        }

        /**
         * The dip of the swaps in batches: over each swap's cycle (its verification, the swap and the batches until
         * the next swap), how many batches fewer than the steady rate completes over as long, on average.
         */
        String dip(List<long[]> cycles, double steadyRate) {
            double lost = 0;
            long nanos = 0;
            for (long[] cycle : cycles) {
                long completed = times.all().stream()
                        .filter(batch -> batch[1] >= cycle[0] && batch[1] < cycle[1])
                        .count();
                lost += steadyRate * (cycle[1] - cycle[0]) - completed;
                nanos += cycle[1] - cycle[0];
            }
            return String.format(
                    Locale.ROOT,
                    "throughput over a swap's cycle (%.0f ms on average, %d cycles): %.1f batches fewer than the"
                            + " steady rate, %.1f%% of the cycle's",
                    nanos / 1e6 / Math.max(1, cycles.size()),
                    cycles.size(),
                    lost / Math.max(1, cycles.size()),
                    100 * lost / Math.max(1, steadyRate * nanos));
        }

        void stop() {
            running.set(false);
        }

        List<String> versionsSeen() {
            return versions;
        }

        /**
         * Batch durations outside every swap's window (verification, load and swap) and inside the given ones,
         * leaving out batches that overlap a forced collection or another swap; a batch is slow when it takes more
         * than 3 times the median outside.
         */
        String report(List<long[]> swapWindows, List<long[]> otherSwaps, List<long[]> gcWindows) {
            List<Long> outside = new ArrayList<>();
            List<Long> inside = new ArrayList<>();
            for (long[] batch : times.all()) {
                if (overlaps(batch, gcWindows)) {
                    continue;
                }
                if (overlaps(batch, swapWindows)) {
                    inside.add(batch[1] - batch[0]);
                } else if (!overlaps(batch, otherSwaps)) {
                    outside.add(batch[1] - batch[0]);
                }
            }
            double median = median(outside.isEmpty() ? inside : outside);
            long slow = inside.stream().filter(nanos -> nanos > 3 * median).count();
            long slowOutside =
                    outside.stream().filter(nanos -> nanos > 3 * median).count();
            long swapNanos = swapWindows.stream().mapToLong(w -> w[1] - w[0]).sum();
            return String.format(
                    Locale.ROOT,
                    "batches of %d: median %.2f ms outside swaps (%d batches, %.2f%% slower than 3x the median); during"
                            + " swaps median %.2f ms, max %.2f ms, %d of %d batches (%.2f%%) slower than 3x the median (%.2f per swap, %d swaps); a swap"
                            + " (verify, load, go live) took %.0f ms on average",
                    BATCH,
                    median / 1e6,
                    outside.size(),
                    100.0 * slowOutside / Math.max(1, outside.size()),
                    median(inside) / 1e6,
                    inside.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6,
                    slow,
                    inside.size(),
                    100.0 * slow / Math.max(1, inside.size()),
                    (double) slow / Math.max(1, swapWindows.size()),
                    swapWindows.size(),
                    swapNanos / 1e6 / Math.max(1, swapWindows.size()));
        }

        private static boolean overlaps(long[] batch, List<long[]> windows) {
            return windows.stream().anyMatch(w -> batch[1] >= w[0] && batch[0] <= w[1]);
        }

        private static double median(List<Long> values) {
            if (values.isEmpty()) {
                return 0;
            }
            List<Long> sorted = new ArrayList<>(values);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }
    }

    /** Start and end times of batches in one growing array. Thread-safe. */
    private static final class BatchTimes {

        private long[] times = new long[1 << 16];
        private int size;

        synchronized void add(long start, long end) {
            if (size + 2 > times.length) {
                times = Arrays.copyOf(times, times.length * 2);
            }
            times[size++] = start;
            times[size++] = end;
        }

        /** Each batch as {start, end}; for the report, after the memory was measured. */
        synchronized List<long[]> all() {
            List<long[]> all = new ArrayList<>(size / 2);
            for (int i = 0; i < size; i += 2) {
                all.add(new long[] {times[i], times[i + 1]});
            }
            return all;
        }
    }
}
