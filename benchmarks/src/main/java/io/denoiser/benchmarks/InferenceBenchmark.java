package io.denoiser.benchmarks;

import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.model.inference.Dl4jDenoiser;
import io.denoiser.model.inference.OnnxDenoiser;
import io.denoiser.model.network.OneDnnAcceleration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Batched inference of the default model through each serving path, at several batch sizes. The plain
 * DL4J network is the baseline measured in the same run. Scores are batches per second; multiply by
 * the batch size for images per second ({@code ./denoiser bench-inference} prints both).
 *
 * <p>Every path runs on one thread here with one native thread (intra-op 1, OMP 1), so that the figure
 * is per core; {@link ParallelInferenceBenchmark} measures two threads.
 */
@State(Scope.Benchmark)
public class InferenceBenchmark extends JmhSettings {

    @Param({"dl4j-plain", "dl4j-onednn", "onnx"})
    public String runtime;

    @Param({"1", "8", "32", "128"})
    public int batchSize;

    private Denoiser denoiser;
    private List<GrayImage> batch;

    @Setup(Level.Trial)
    public void setUp() {
        denoiser = open(runtime, 1);
        batch = noisyDigits(batchSize);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        denoiser.close();
    }

    @Benchmark
    public List<GrayImage> denoiseBatch() {
        return denoiser.denoise(batch);
    }

    static Denoiser open(String runtime, int threads) {
        ArtifactLoader.LoadedModel model =
                ArtifactLoader.load(Path.of(System.getProperty("denoiser.model", "models/default")));
        return switch (runtime) {
            case "dl4j-plain" -> new Dl4jDenoiser(model.network());
            case "dl4j-onednn" -> new Dl4jDenoiser(OneDnnAcceleration.install(model.network()));
            case "onnx" -> new OnnxDenoiser(model.onnx(), threads);
            default -> throw new IllegalArgumentException("unknown runtime " + runtime);
        };
    }

    /** Random 28x28 images: inference cost does not depend on the pixel values. */
    static List<GrayImage> noisyDigits(int count) {
        SplittableRandom random = new SplittableRandom(1);
        List<GrayImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] pixels = new float[28 * 28];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (float) random.nextDouble();
            }
            images.add(new GrayImage(28, 28, pixels));
        }
        return images;
    }
}
