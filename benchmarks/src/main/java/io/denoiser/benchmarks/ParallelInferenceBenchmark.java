package io.denoiser.benchmarks;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Two threads serving at once, as two stream threads of the app would: ONNX Runtime shares one
 * session (its {@code run} is thread-safe); DL4J needs a network per thread ({@code output} is
 * synchronized), so each thread gets its own.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ParallelInferenceBenchmark {

    @State(Scope.Benchmark)
    public static class SharedSession {
        @Param({"dl4j-onednn", "onnx"})
        public String runtime;

        @Param({"32"})
        public int batchSize;

        Denoiser shared;

        @Setup(Level.Trial)
        public void setUp() {
            shared = runtime.equals("onnx") ? InferenceBenchmark.open(runtime, 1) : null;
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (shared != null) {
                shared.close();
            }
        }
    }

    @State(Scope.Thread)
    public static class PerThread {
        Denoiser denoiser;
        List<GrayImage> batch;

        @Setup(Level.Trial)
        public void setUp(SharedSession session) {
            denoiser = session.shared != null ? session.shared : InferenceBenchmark.open(session.runtime, 1);
            batch = InferenceBenchmark.noisyDigits(session.batchSize);
        }
    }

    @Benchmark
    public List<GrayImage> denoiseBatch(PerThread thread) {
        return thread.denoiser.denoise(thread.batch);
    }
}
