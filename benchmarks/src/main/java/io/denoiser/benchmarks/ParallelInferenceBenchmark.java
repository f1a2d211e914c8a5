package io.denoiser.benchmarks;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Two threads serving at once, as two stream threads of the app would: ONNX Runtime shares one
 * session (its {@code run} is thread-safe); DL4J needs a network per thread ({@code output} is
 * synchronized), so each thread gets its own.
 */
@Threads(2)
public class ParallelInferenceBenchmark extends JmhSettings {

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
