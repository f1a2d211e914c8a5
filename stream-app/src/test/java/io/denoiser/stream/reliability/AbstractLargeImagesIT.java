package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.NoisyImage;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.kafka.common.IsolationLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 12, defect 5, under the deployment's memory limit: flat 1024 x 1024 PNG images (a few KB each, a million
 * pixels decoded) arrive together with {@code max.batch.size=8}, between ordinary digits. The app must stay alive, run
 * out of no memory, and let every image out: a reconstruction, or a dead letter with its reason under the current
 * limits. {@code max.batch.pixels} keeps each model call to one such image. Two twins: the image built from the
 * Dockerfile, in a container with docker-compose's memory limit (where Docker runs), and the app as its own process
 * with the Dockerfile's JVM options sized for that limit ({@link DeployedMemory}).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES) // a hang guard; the test waits on conditions
abstract class AbstractLargeImagesIT {

    static final int SIDE = 1024;
    static final int LARGE_IMAGES = 10;
    private static final int DIGITS_AROUND = 20;
    private static final Duration ALL_OUT_WITHIN = Duration.ofMinutes(6);

    /** The app under test, however it runs. */
    interface RunningApp extends AutoCloseable {
        boolean isAlive();

        String log();

        /** The largest resident size the app has had, where it can be read. */
        OptionalLong peakResidentBytes();

        @Override
        void close();
    }

    protected abstract String bootstrapServers();

    protected abstract void createTopics(int partitions, String... names);

    /** Starts the app with these app-level settings (topics, group, batching) and waits until it runs. */
    protected abstract RunningApp start(Map<String, String> settings, String run);

    /** The memory limit the app runs under, for the report. */
    protected abstract String limitDescription();

    @Test
    void shouldDenoiseOrDeadLetterEveryFlatMegapixelImageWithoutRunningOutOfMemory() throws Exception {
        // given
        String run = PipelineTopics.newRun();
        TopicNames topics = PipelineTopics.unique(run);
        createTopics(1, topics.input(), topics.output(), topics.deadLetter());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("application.id", "denoiser-large-" + run);
        settings.put("input.topic", topics.input());
        settings.put("output.topic", topics.output());
        settings.put("dead.letter.topic", topics.deadLetter());
        settings.put("max.batch.size", "8");
        settings.put("max.batch.delay.ms", "2000"); // the eight arrive within it: one batch of eight
        List<NoisyImage> images = new ArrayList<>(NoisyMnist.withReferences(DIGITS_AROUND, 3));
        for (int i = 0; i < LARGE_IMAGES; i++) {
            images.add(DIGITS_AROUND / 2 + i, flatPng("flat-1024-" + i, 40 + 20 * i));
        }

        try (RunningApp app = start(settings, run);
                ImageFeed feed = ImageFeed.open(bootstrapServers(), topics.input(), images, 0);
                OutputTally outputs = OutputTally.open(bootstrapServers(), topics, IsolationLevel.READ_UNCOMMITTED)) {
            long started = System.nanoTime();

            // when
            feed.start().awaitAllAcknowledged(Duration.ofMinutes(1));
            long deadline = System.nanoTime() + ALL_OUT_WITHIN.toNanos();
            while (out(outputs).size() < images.size() && System.nanoTime() < deadline && app.isAlive()) {
                outputs.poll(Duration.ofMillis(200));
            }
            outputs.drain(Duration.ofSeconds(1));

            // then
            Set<String> missing = new TreeSet<>();
            images.forEach(image -> missing.add(image.id()));
            missing.removeAll(out(outputs));
            System.out.printf(
                    Locale.ROOT,
                    "large images (%s): %d flat %dx%d PNGs among %d digits, max.batch.size 8: %d reconstructions,"
                            + " %d dead letters %s, missing %s, alive %s, peak resident %s MiB, %.1f s%n",
                    limitDescription(),
                    LARGE_IMAGES,
                    SIDE,
                    SIDE,
                    DIGITS_AROUND,
                    outputs.distinct(),
                    outputs.deadLetterKeys().size(),
                    outputs.deadLetterKeys(),
                    missing,
                    app.isAlive(),
                    app.peakResidentBytes().isPresent()
                            ? app.peakResidentBytes().getAsLong() >> 20
                            : "?",
                    (System.nanoTime() - started) / 1e9);
            assertThat(app.isAlive())
                    .as("alive; log ends with:\n%s", tail(app.log()))
                    .isTrue();
            assertThat(app.log()).doesNotContain("OutOfMemoryError");
            assertThat(missing).as("images on neither topic").isEmpty();
            assertThat(outputs.duplicates()).as("duplicates").isZero();
        }
    }

    private static Set<String> out(OutputTally outputs) {
        Set<String> ids = new TreeSet<>(outputs.reconstructionsPerId().keySet());
        ids.addAll(outputs.deadLetterKeys());
        return ids;
    }

    /** A grey PNG of one level: a few KB of file, a million pixels once decoded. */
    static NoisyImage flatPng(String id, int grey) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((java.awt.image.DataBufferByte) image.getRaster().getDataBuffer()).getData();
        java.util.Arrays.fill(pixels, (byte) grey);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return NoisyImage.of(
                id, SIDE, SIDE, ImageEncoding.PNG, Base64.getEncoder().encodeToString(png.toByteArray()));
    }

    private static String tail(String log) {
        String[] lines = log.split("\n", -1);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }
}
