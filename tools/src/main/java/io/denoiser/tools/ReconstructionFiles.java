package io.denoiser.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.denoiser.model.image.GrayImage;
import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageDecoder;
import io.denoiser.schemas.records.Reconstruction;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes received reconstructions into a folder: {@code <id>.png} each, and one line per record in
 * {@code summary.jsonl} (id, where it was read, model, batch size, quality, latency, file).
 */
public final class ReconstructionFiles implements AutoCloseable {

    public static final String SUMMARY = "summary.jsonl";

    /** One line of {@value #SUMMARY}. */
    public record SummaryLine(
            String id,
            int partition,
            long offset,
            int width,
            int height,
            String modelVersion,
            int batchSize,
            Double psnr,
            Double ssim,
            long latencyMs,
            String file) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final BufferedWriter summary;
    private int written;

    private ReconstructionFiles(Path folder, BufferedWriter summary) {
        this.folder = folder;
        this.summary = summary;
    }

    public static ReconstructionFiles create(Path folder) {
        try {
            Files.createDirectories(folder);
            return new ReconstructionFiles(folder, Files.newBufferedWriter(folder.resolve(SUMMARY)));
        } catch (IOException e) {
            throw new ToolException("cannot write into " + folder + ": " + e.getMessage(), e);
        }
    }

    public void write(ReceivedReconstruction received) {
        Reconstruction r = received.value();
        String file = PngFiles.fileName(r.id());
        PngFiles.write(image(r), folder.resolve(file));
        SummaryLine line = new SummaryLine(
                r.id(),
                received.partition(),
                received.offset(),
                r.width(),
                r.height(),
                r.modelVersion(),
                r.batchSize(),
                r.psnr(),
                r.ssim(),
                received.latencyMillis(),
                file);
        try {
            summary.write(JSON.writeValueAsString(line));
            summary.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(SUMMARY), e);
        }
        written++;
    }

    /** The reconstruction's pixels. */
    public static GrayImage image(Reconstruction r) {
        DecodedImage decoded = ImageDecoder.decode(r.encoding(), r.data(), r.width(), r.height(), "data");
        return GrayImage.fromBytes(decoded.width(), decoded.height(), decoded.pixels());
    }

    public int written() {
        return written;
    }

    @Override
    public void close() {
        try {
            summary.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(SUMMARY), e);
        }
    }
}
