package io.denoiser.benchmarks;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.image.NoisyImageDecoder;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.RecordLimits;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The record hop the stream app adds around the model, per 28x28 image on one thread: reading a noisy-image
 * record (JSON, base64, admission checks, pixel decoding) and writing its reconstruction (pixel encoding,
 * base64, JSON). Compared with an image's share of a model call in {@link InferenceBenchmark}, it shows
 * whether the JSON/base64 format is what limits the end-to-end rate.
 */
@State(Scope.Benchmark)
public class RecordCodecBenchmark extends JmhSettings {

    private static final int SIDE = 28;

    @Param({"RAW_U8", "PNG"})
    public String encoding;

    private final Deserializer<NoisyImage> noisyImages =
            RecordSerdes.noisyImage().deserializer();
    private final Serializer<Reconstruction> reconstructions =
            RecordSerdes.reconstruction().serializer();
    private final NoisyImageDecoder decoder = new NoisyImageDecoder(RecordLimits.defaults());
    private ImageEncoding imageEncoding;
    private byte[] noisyRecord;
    private DecodedImage output;

    @Setup
    public void setUp() {
        imageEncoding = ImageEncoding.valueOf(encoding);
        byte[] pixels = new byte[SIDE * SIDE];
        new SplittableRandom(7).nextBytes(pixels);
        output = new DecodedImage(SIDE, SIDE, pixels);
        NoisyImage noisy = NoisyImage.of(
                "mnist-test-500-00042", SIDE, SIDE, imageEncoding, ImageEncoder.encode(output, imageEncoding));
        noisyRecord = RecordSerdes.noisyImage().serializer().serialize("images.noisy", noisy);
    }

    @Benchmark
    public DecodedImage readNoisyImage() {
        return decoder.decodeData(noisyImages.deserialize("images.noisy", noisyRecord));
    }

    @Benchmark
    public byte[] writeReconstruction() {
        Reconstruction reconstruction = new Reconstruction(
                "mnist-test-500-00042",
                SIDE,
                SIDE,
                imageEncoding,
                ImageEncoder.encode(output, imageEncoding),
                "conv-autoencoder-32x2@ad30a2028f64",
                1767225600000L,
                1767225600042L,
                32,
                null,
                null);
        return reconstructions.serialize("images.denoised", reconstruction);
    }
}
