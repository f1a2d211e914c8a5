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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many swaps in a row, each a full verification (load, runtime check, probe set), while a task denoises batches
 * without pause: the process's resident memory stays flat (old ONNX sessions and networks are released), and the
 * batches keep flowing. {@code denoiser.soak.swaps} swaps (20 in {@code ./mvnw verify}; the {@code model-soak}
 * profile runs 500). Prints the batch figures around the swaps that docs/BENCHMARKS.md quotes.
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
        ModelRollout rollout = new ModelRollout(live, check.score(model), check, ModelSwapEvents.NONE);
        Batches batches = new Batches(live, probes.noisy().subList(0, BATCH));
        Thread task = new Thread(batches, "soak-task");
        task.start();
        List<long[]> swapWindows = new ArrayList<>();
        List<long[]> gcWindows = new ArrayList<>(); // forced collections: their pauses are not the swaps'
        long baseline = 0;
        int warmUp = Math.max(5, SWAPS / 5);

        // when
        try {
            for (int swap = 1; swap <= SWAPS; swap++) {
                long start = System.nanoTime();
                assertThat(rollout.offer(new Candidate(swap % 2 == 1 ? second : first, "soak", false)))
                        .isEqualTo(ModelRollout.Outcome.SWAPPED);
                swapWindows.add(new long[] {start, System.nanoTime()});
                int quiet = batches.count() + BATCHES_BETWEEN_SWAPS; // batches with no swap going on, to compare
                await().atMost(Duration.ofMinutes(1)).until(() -> batches.count() >= quiet);
                if (swap == warmUp) {
                    long gcStart = System.nanoTime();
                    baseline = settledResidentBytes();
                    gcWindows.add(new long[] {gcStart, System.nanoTime()});
                }
            }
        } finally {
            batches.stop();
            task.join();
            live.close();
        }
        long end = settledResidentBytes();

        // then
        assertThat(batches.failure.get()).isNull();
        assertThat(batches.versionsSeen()).as("both versions served batches").hasSize(2);
        System.out.println(String.format(
                Locale.ROOT,
                "ModelSwapSoakIT: %d swaps; resident memory %d MB after %d swaps, %d MB after all (%+d MB); %s",
                SWAPS,
                baseline >> 20,
                warmUp,
                end >> 20,
                (end - baseline) >> 20,
                batches.report(swapWindows, gcWindows)));
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

    /** One task flushing batches back to back, as a stream thread under a backlog does. */
    private static final class Batches implements Runnable {

        private final LiveModel live;
        private final List<GrayImage> images;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        /** Start and end of each batch (ns) and the version that served it. */
        private final List<long[]> times = new CopyOnWriteArrayList<>();

        private final List<String> versions = new CopyOnWriteArrayList<>();

        Batches(LiveModel live, List<GrayImage> images) {
            this.live = live;
            this.images = images;
        }

        @Override
        public void run() {
            try (TaskModel model = TaskModel.open(live, "soak")) {
                while (running.get()) {
                    long start = System.nanoTime();
                    try (TaskModel.Flush flush = model.startFlush()) {
                        flush.denoiser().denoise(images);
                        if (!versions.contains(flush.version())) {
                            versions.add(flush.version());
                        }
                    }
                    times.add(new long[] {start, System.nanoTime()});
                }
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }

        int count() {
            return times.size();
        }

        void stop() {
            running.set(false);
        }

        List<String> versionsSeen() {
            return versions;
        }

        /**
         * Batch durations outside and inside the swaps' windows (verification, load and swap), leaving out batches
         * that overlap a forced collection; a batch is slow when it takes more than 3 times the median outside.
         */
        String report(List<long[]> swapWindows, List<long[]> gcWindows) {
            List<Long> outside = new ArrayList<>();
            List<Long> inside = new ArrayList<>();
            for (long[] batch : times) {
                if (overlaps(batch, gcWindows)) {
                    continue;
                }
                (overlaps(batch, swapWindows) ? inside : outside).add(batch[1] - batch[0]);
            }
            double median = median(outside.isEmpty() ? inside : outside);
            long slow = inside.stream().filter(nanos -> nanos > 3 * median).count();
            long swapNanos = swapWindows.stream().mapToLong(w -> w[1] - w[0]).sum();
            return String.format(
                    Locale.ROOT,
                    "batches of %d: median %.2f ms outside swaps (%d batches); during swaps median %.2f ms, max %.2f"
                            + " ms, %d of %d batches slower than 3x the median (%.2f per swap); a swap (verify, load,"
                            + " go live) took %.0f ms on average",
                    BATCH,
                    median / 1e6,
                    outside.size(),
                    median(inside) / 1e6,
                    inside.stream().mapToLong(Long::longValue).max().orElse(0) / 1e6,
                    slow,
                    inside.size(),
                    (double) slow / Math.max(1, swapWindows.size()),
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
}
