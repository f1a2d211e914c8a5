package io.denoiser.tools.commands;

import io.denoiser.broker.TopicAdmin;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.console.ProgressBar;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.metrics.QualitySummary;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.model.pictures.SampleGrid;
import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.stream.app.StreamApp;
import io.denoiser.stream.app.StreamAppLifecycle;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.testkit.NoisyRecords;
import io.denoiser.testkit.SourceImage;
import io.denoiser.tools.ClientOptions;
import io.denoiser.tools.ImageInputs;
import io.denoiser.tools.Pacer;
import io.denoiser.tools.PngFiles;
import io.denoiser.tools.ReceivedReconstruction;
import io.denoiser.tools.ReconstructionFiles;
import io.denoiser.tools.ReconstructionReader;
import io.denoiser.tools.ReconstructionStats;
import io.denoiser.tools.RecordPublisher;
import io.denoiser.tools.ToolException;
import io.denoiser.tools.TopicReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The demo's run: a broker (in-process unless one is given), topics of its own, the stream app, noisy
 * digits published while the reconstructions are read, then the figures. Every part is the real one:
 * the in-process broker is Kafka's own KRaft server, and the app is the one {@code run} starts.
 */
final class Demo {

    /** Sent on purpose so the dead-letter route shows: not JSON, so it becomes a MALFORMED_JSON dead letter. */
    static final byte[] MALFORMED_RECORD = "this is not a noisy-image record".getBytes(StandardCharsets.UTF_8);

    static final String GRID_FILE = "demo-grid.png";
    private static final int GRID_IMAGES = 10;
    private static final int GRID_SCALE = 3;
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(100);

    record Settings(
            Path model,
            String runtime,
            Path images,
            int count,
            NoiseSpec noise,
            int partitions,
            Duration timeout,
            Path output,
            int httpPort,
            Duration linger) {}

    /** @param failure why the demo did not show what it should, if it did not */
    record Outcome(int reconstructions, int deadLetters, Optional<String> failure) {}

    private final Settings settings;
    private final ClientOptions client;
    private final PrintWriter out;

    Demo(Settings settings, ClientOptions client, PrintWriter out) {
        this.settings = settings;
        this.client = client;
        this.out = out;
    }

    Outcome run() {
        long started = System.nanoTime();
        ArtifactLoader.readMetadata(settings.model()); // a missing or unreadable model fails before anything starts
        List<SourceImage> images = ImageInputs.read(List.of(settings.images()), settings.count());
        NoisyRecords records = new NoisyRecords(settings.noise(), 1);
        out.printf(
                Locale.ROOT,
                "denoiser demo: %,d images from %s with %s noise, through Kafka and back%n",
                images.size(),
                settings.images(),
                settings.noise());
        out.flush();
        try (ToolBroker broker = ToolBroker.startOrUse(client, out)) {
            String run = UUID.randomUUID().toString().substring(0, 8);
            TopicNames topics = topicsFor(broker, run);
            TopicAdmin.create(
                    broker.clientProperties(),
                    settings.partitions(),
                    Duration.ofSeconds(30),
                    List.of(topics.input(), topics.output(), topics.deadLetter()));
            out.printf(
                    Locale.ROOT,
                    "topics   %s -> %s, dead letters to %s (%d partitions each)%n",
                    topics.input(),
                    topics.output(),
                    topics.deadLetter(),
                    settings.partitions());
            Path stateDir = settings.output().resolve("state-" + run);
            try {
                return runApp(broker, topics, stateDir, "denoiser-demo-" + run, images, records, started);
            } finally {
                ToolApps.deleteQuietly(stateDir);
            }
        }
    }

    /** The default topics on its own broker; topics of its own on yours, so the demo never mixes with your data. */
    private static TopicNames topicsFor(ToolBroker broker, String run) {
        if (broker.inProcess()) {
            return TopicNames.DEFAULT;
        }
        return ToolApps.ownTopics("denoiser-demo-" + run + ".");
    }

    private Outcome runApp(
            ToolBroker broker,
            TopicNames topics,
            Path stateDir,
            String applicationId,
            List<SourceImage> images,
            NoisyRecords records,
            long started) {
        long appStarting = System.nanoTime();
        Map<String, String> runtime = Map.of(
                StreamAppConfigDef.MODEL_RUNTIME_CONFIG,
                settings.runtime(),
                StreamAppConfigDef.HTTP_PORT_CONFIG,
                Integer.toString(settings.httpPort()));
        try (StreamAppLifecycle app = StreamApp.assemble(
                ToolApps.config(broker, topics, stateDir, applicationId, settings.model(), runtime))) {
            app.start();
            out.printf(
                    Locale.ROOT,
                    "app      model %s on the %s runtime, running after %.1f s%n",
                    ArtifactLoader.readMetadata(settings.model()).modelVersion(),
                    settings.runtime(),
                    seconds(System.nanoTime() - appStarting));
            app.httpAddress()
                    .ifPresent(http -> out.printf(
                            Locale.ROOT, "live     %s (the live page; %smetrics, %shealth/ready)%n", http, http, http));
            out.flush();
            try (ReconstructionReader reader = ReconstructionReader.open(
                            broker.clientProperties(), topics.output(), TopicReader.StartAt.EARLIEST);
                    TopicReader deadLetterReader = TopicReader.open(
                            broker.clientProperties(), List.of(topics.deadLetter()), TopicReader.StartAt.EARLIEST);
                    RecordPublisher publisher = RecordPublisher.open(broker.clientProperties(), topics.input())) {
                long publishStart = System.nanoTime();
                CompletableFuture<RecordPublisher.Summary> published = CompletableFuture.supplyAsync(() -> {
                    RecordPublisher.Summary summary = publisher.publish(images, records, new Pacer(0), n -> {});
                    publisher.sendRaw("not-an-image", MALFORMED_RECORD);
                    return summary;
                });
                ProgressBar progress = new ProgressBar(out, "denoise", images.size(), "img");
                AtomicInteger arrived = new AtomicInteger();
                List<ReceivedReconstruction> received = reader.read(images.size(), settings.timeout(), r -> {
                    int n = arrived.incrementAndGet();
                    progress.update(n, n, "");
                });
                progress.finish();
                double seconds = seconds(System.nanoTime() - publishStart);
                RecordPublisher.Summary sent = published.join();
                List<DeadLetter> deadLetters = readDeadLetters(deadLetterReader);
                report(images, records, sent, received, deadLetters, seconds, started);
                linger(app);
                return outcome(images.size(), received.size(), deadLetters);
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }

    /** Keeps the app, and so its live page, up a while after the run, when asked to. */
    private void linger(StreamAppLifecycle app) {
        if (settings.linger().isZero()) {
            return;
        }
        out.printf(
                Locale.ROOT,
                "the live page stays up for %d s at %s%n",
                settings.linger().toSeconds(),
                app.httpAddress().map(Object::toString).orElse("-"));
        out.flush();
        try {
            Thread.sleep(settings.linger().toMillis()); // the user asked for this much time to look
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<DeadLetter> readDeadLetters(TopicReader reader) {
        var json = RecordSerdes.deadLetter().deserializer();
        List<DeadLetter> letters = new ArrayList<>();
        long deadline = System.nanoTime() + DEAD_LETTER_WAIT.toNanos();
        while (letters.isEmpty() && System.nanoTime() < deadline) {
            reader.poll(POLL)
                    .forEach(r -> letters.add(
                            json.deserialize(r.record().topic(), r.record().value())));
        }
        return letters;
    }

    private void report(
            List<SourceImage> images,
            NoisyRecords records,
            RecordPublisher.Summary sent,
            List<ReceivedReconstruction> received,
            List<DeadLetter> deadLetters,
            double seconds,
            long started) {
        ReconstructionStats stats = ReconstructionStats.of(received);
        QualitySummary noisyInput = noisyInputQuality(images, records);
        Path grid = writeGrid(images, records, received);
        out.println();
        out.printf(Locale.ROOT, "images in       %,d (and 1 malformed record, sent on purpose)%n", sent.images());
        out.printf(Locale.ROOT, "images out      %,d%n", stats.count());
        out.printf(
                Locale.ROOT,
                "dead letters    %,d%s%n",
                deadLetters.size(),
                deadLetters.isEmpty()
                        ? ""
                        : deadLetters.stream()
                                .map(letter -> letter.reason().name())
                                .collect(Collectors.joining(", ", " (", ")")));
        out.printf(
                Locale.ROOT,
                "throughput      %,.0f images/s (first image published to last reconstruction read," + " %.2f s)%n",
                stats.count() / Math.max(seconds, 1e-9),
                seconds);
        out.printf(
                Locale.ROOT,
                "latency         %s (published to read)%n",
                stats.latency().replace("latency ", ""));
        out.printf(Locale.ROOT, "quality         denoised: %s%n", stats.quality());
        out.printf(
                Locale.ROOT,
                "                noisy input: mean PSNR %.2f dB, SSIM %.3f (same clean references)%n",
                noisyInput.psnr(),
                noisyInput.ssim());
        out.printf(Locale.ROOT, "picture         %s (rows: noisy, denoised, clean)%n", grid);
        out.printf(Locale.ROOT, "done in %.1f s%n", seconds(System.nanoTime() - started));
        out.flush();
    }

    private static QualitySummary noisyInputQuality(List<SourceImage> images, NoisyRecords records) {
        List<GrayImage> noisy = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            noisy.add(records.noisy(images.get(i), i));
        }
        return QualitySummary.of(noisy, images.stream().map(SourceImage::image).toList());
    }

    /** The first images published that came back: noisy, denoised and clean, one column each. */
    private Path writeGrid(List<SourceImage> images, NoisyRecords records, List<ReceivedReconstruction> received) {
        Map<String, GrayImage> denoised = received.stream()
                .collect(Collectors.toMap(
                        r -> r.value().id(), r -> ReconstructionFiles.image(r.value()), (first, second) -> first));
        List<GrayImage> noisyRow = new ArrayList<>();
        List<GrayImage> denoisedRow = new ArrayList<>();
        List<GrayImage> cleanRow = new ArrayList<>();
        for (int i = 0; i < images.size() && cleanRow.size() < GRID_IMAGES; i++) {
            GrayImage back = denoised.get(images.get(i).id());
            if (back != null) {
                noisyRow.add(records.noisy(images.get(i), i));
                denoisedRow.add(back);
                cleanRow.add(images.get(i).image());
            }
        }
        Path file = settings.output().resolve(GRID_FILE);
        if (cleanRow.isEmpty()) {
            throw new ToolException("no reconstruction came back, so there is no picture to draw");
        }
        PngFiles.write(
                SampleGrid.render(
                        List.of(
                                new SampleGrid.Row("noisy", noisyRow),
                                new SampleGrid.Row("denoised", denoisedRow),
                                new SampleGrid.Row("clean", cleanRow)),
                        GRID_SCALE),
                file);
        return file;
    }

    private Outcome outcome(int expected, int reconstructions, List<DeadLetter> deadLetters) {
        if (reconstructions < expected) {
            return new Outcome(
                    reconstructions,
                    deadLetters.size(),
                    Optional.of(String.format(
                            Locale.ROOT,
                            "only %,d of %,d reconstructions arrived within %d s",
                            reconstructions,
                            expected,
                            settings.timeout().toSeconds())));
        }
        if (deadLetters.size() != 1) {
            return new Outcome(
                    reconstructions,
                    deadLetters.size(),
                    Optional.of("expected the malformed record as the one dead letter, got " + deadLetters.size()));
        }
        return new Outcome(reconstructions, deadLetters.size(), Optional.empty());
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
