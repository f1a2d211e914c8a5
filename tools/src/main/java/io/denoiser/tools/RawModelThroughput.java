package io.denoiser.tools;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.stream.inference.ModelDenoisers;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.stream.inference.ServingModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The model alone in this JVM, as fast as it goes: one caller thread per core, each denoising a batch at a time
 * with one inference thread per call (what {@code ./denoiser bench-inference}'s two-thread figure measures). The
 * end-to-end benchmark compares the whole Kafka path with it, in the same run, so the ratio holds on any machine.
 *
 * @param imagesPerSecond the median of the measured windows
 */
public record RawModelThroughput(String runtime, int batchSize, int threads, double imagesPerSecond) {

    /** How a measurement is taken: warm-up, then {@code windows} windows of {@code window} each. */
    public record Plan(Duration warmUp, Duration window, int windows) {
        public Plan {
            Objects.requireNonNull(warmUp, "warmUp");
            Objects.requireNonNull(window, "window");
            if (window.isZero() || window.isNegative() || windows < 1) {
                throw new IllegalArgumentException("need at least one window of positive length");
            }
        }
    }

    /** The median throughput of several measurements of one runtime (each round's). */
    public static RawModelThroughput median(List<RawModelThroughput> measurements) {
        double[] sorted = measurements.stream()
                .mapToDouble(RawModelThroughput::imagesPerSecond)
                .sorted()
                .toArray();
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        RawModelThroughput first = measurements.get(0);
        return new RawModelThroughput(first.runtime(), first.batchSize(), first.threads(), median);
    }

    /** CPU time the model needs per image here: busy caller threads over their throughput. */
    public double cpuMicrosPerImage() {
        return threads / imagesPerSecond * 1e6;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "raw model: %s, batches of %d, %d caller threads: %,.0f images/s (%.0f µs of CPU per image)",
                runtime,
                batchSize,
                threads,
                imagesPerSecond,
                cpuMicrosPerImage());
    }

    /**
     * Measures the model of {@code artifact} on {@code runtime}, each of {@code threads} callers denoising
     * {@code images} (one batch) over and over.
     */
    public static RawModelThroughput measure(
            Path artifact, ModelRuntime runtime, List<GrayImage> images, int threads, Plan plan) {
        if (threads < 1 || images.isEmpty()) {
            throw new IllegalArgumentException("need at least one thread and one image");
        }
        try (ServingModel model = ModelDenoisers.load(artifact, runtime, 1)) {
            AtomicLong denoised = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> callers = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int i = 0; i < threads; i++) {
                Thread caller = new Thread(
                        () -> {
                            try (Denoiser denoiser = model.denoisers().get()) {
                                while (!stop.get()) {
                                    denoiser.denoise(images);
                                    denoised.addAndGet(images.size());
                                }
                            } catch (RuntimeException | Error e) {
                                failures.add(e);
                            }
                        },
                        "raw-model-" + i);
                caller.setDaemon(true);
                callers.add(caller);
                caller.start();
            }
            try {
                pause(plan.warmUp());
                double[] rates = new double[plan.windows()];
                for (int w = 0; w < plan.windows(); w++) {
                    long before = denoised.get();
                    long start = System.nanoTime();
                    pause(plan.window());
                    rates[w] = (denoised.get() - before) / ((System.nanoTime() - start) / 1e9);
                }
                if (!failures.isEmpty()) {
                    throw new ToolException(
                            "the model failed while being measured: " + failures.get(0), failures.get(0));
                }
                Arrays.sort(rates);
                return new RawModelThroughput(model.runtime(), images.size(), threads, rates[rates.length / 2]);
            } finally {
                stop.set(true);
                for (Thread caller : callers) {
                    join(caller);
                }
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException("interrupted while measuring the model", e);
        }
    }

    private static void join(Thread caller) {
        try {
            caller.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
