package io.denoiser.tools.commands;

import io.denoiser.broker.TopicAdmin;
import io.denoiser.model.artifact.ArtifactLoader;
import io.denoiser.model.console.ProgressBar;
import io.denoiser.model.image.GrayImage;
import io.denoiser.model.noise.NoiseSpec;
import io.denoiser.stream.config.StreamAppConfigDef;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.inference.ModelRuntime;
import io.denoiser.testkit.NoisyRecords;
import io.denoiser.testkit.SourceImage;
import io.denoiser.tools.ImageInputs;
import io.denoiser.tools.JvmActivity;
import io.denoiser.tools.LoadMeasurement;
import io.denoiser.tools.Pacer;
import io.denoiser.tools.PhaseSamples;
import io.denoiser.tools.RawModelThroughput;
import io.denoiser.tools.ReconstructionReader;
import io.denoiser.tools.RecordPublisher;
import io.denoiser.tools.ToolException;
import io.denoiser.tools.TopicReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The end-to-end benchmark: for each runtime and batching setting, a fresh app on fresh topics; a warm-up; the
 * throughput at saturation (images sent as fast as the producer takes them); then latency at fractions of
 * that rate, images paced evenly. Producer, app and consumer share this process, like a one-box deployment.
 *
 * <p>With several rounds the settings are measured in turn, round after round: the JVM keeps getting faster for
 * minutes (the JIT compiles the broker's, the clients' and the app's code), and interleaving spreads that drift
 * over every setting instead of favouring the ones measured last.
 */
final class Bench {

    /**
     * One setting of the app under test: its runtime and batching, and any other app settings that this variant
     * sets to values of its own ({@code --vary}), over those all variants share ({@code --set}).
     */
    record Variant(String runtime, int maxBatchSize, long maxBatchDelayMs, Map<String, String> settings) {

        Variant {
            settings = Map.copyOf(settings);
        }

        Variant(String runtime, int maxBatchSize, long maxBatchDelayMs) {
            this(runtime, maxBatchSize, maxBatchDelayMs, Map.of());
        }

        /** The varied settings as {@code key=value}, comma-separated; empty when there are none. */
        String variedSettings() {
            return settings.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .map(setting -> setting.getKey() + "=" + setting.getValue())
                    .collect(Collectors.joining(", "));
        }

        @Override
        public String toString() {
            String varied = variedSettings();
            return String.format(
                    Locale.ROOT,
                    "model.runtime=%s, max.batch.size=%d, max.batch.delay.ms=%d%s",
                    runtime,
                    maxBatchSize,
                    maxBatchDelayMs,
                    varied.isEmpty() ? "" : ", " + varied);
        }
    }

    record Settings(
            Path model,
            Path images,
            int warmUpImages,
            int saturationImages,
            Duration loadDuration,
            List<Integer> loadPercents,
            List<Variant> variants,
            int rounds,
            int partitions,
            boolean references,
            Map<String, String> appSettings,
            RawModelThroughput.Plan rawModel,
            Path samplesDir) {}

    /**
     * What the whole run measured: the model alone for each runtime (the median of the rounds'), then every setting
     * in every round.
     */
    record Outcome(Map<String, RawModelThroughput> rawModel, List<Result> results) {}

    /** What one variant measured in one round: saturation first, then each load. */
    record Result(Variant variant, int round, LoadMeasurement saturation, List<LoadMeasurement> loads) {}

    /** The batch size of the raw model figure, as in {@code bench-inference}'s two-thread benchmark. */
    static final int RAW_MODEL_BATCH = 32;

    private static final Duration PHASE_TIMEOUT_SLACK = Duration.ofSeconds(60);
    /** An unpaced phase fails only below this rate: the plain DL4J runtime does ~50 images/s here. */
    private static final double SLOWEST_EXPECTED_RATE = 10;

    private final Settings settings;
    private final ToolBroker broker;
    private final PrintWriter out;

    Bench(Settings settings, ToolBroker broker, PrintWriter out) {
        this.settings = settings;
        this.broker = broker;
        this.out = out;
    }

    Outcome run() {
        List<SourceImage> images = ImageInputs.read(List.of(settings.images()), 0);
        Map<String, List<RawModelThroughput>> rawRounds = new LinkedHashMap<>();
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            // again in every round: the machine's speed drifts over minutes (the JIT, other tenants of a VM), and
            // the ratio compares the path with the model measured just before it
            Map<String, RawModelThroughput> raw = new LinkedHashMap<>();
            if (settings.rawModel() != null) {
                for (Variant variant : settings.variants()) {
                    raw.computeIfAbsent(variant.runtime(), runtime -> measureRawModel(runtime, images));
                }
                raw.forEach((runtime, figure) -> rawRounds
                        .computeIfAbsent(runtime, r -> new ArrayList<>())
                        .add(figure));
            }
            for (Variant variant : settings.variants()) {
                results.add(measure(variant, round, images, raw.get(variant.runtime())));
            }
        }
        Map<String, RawModelThroughput> medians = new LinkedHashMap<>();
        rawRounds.forEach((runtime, rounds) -> medians.put(runtime, RawModelThroughput.median(rounds)));
        return new Outcome(medians, results);
    }

    /** The model alone, in this JVM, before any broker traffic: the figure the whole path is compared with. */
    private RawModelThroughput measureRawModel(String runtime, List<SourceImage> images) {
        SplittableRandom random = new SplittableRandom(1);
        List<GrayImage> batch = images.stream()
                .limit(RAW_MODEL_BATCH)
                .map(SourceImage::image)
                .map(clean ->
                        new GrayImage(clean.width(), clean.height(), NoiseSpec.DEFAULT.apply(clean.pixels(), random)))
                .toList();
        out.printf(Locale.ROOT, "%nmeasuring the model alone (%s, batches of %d) ...%n", runtime, batch.size());
        out.flush();
        RawModelThroughput raw = RawModelThroughput.measure(
                settings.model(),
                ModelRuntime.fromConfigName(runtime),
                batch,
                Runtime.getRuntime().availableProcessors(),
                settings.rawModel());
        out.println(raw);
        return raw;
    }

    private Result measure(Variant variant, int round, List<SourceImage> images, RawModelThroughput raw) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        TopicNames topics = ToolApps.ownTopics("denoiser-bench-" + run + ".");
        TopicAdmin.create(
                broker.clientProperties(),
                settings.partitions(),
                Duration.ofSeconds(30),
                List.of(topics.input(), topics.output(), topics.deadLetter()));
        Path stateDir = Path.of("work", "bench-state-" + run);
        Map<String, String> appSettings = new LinkedHashMap<>(settings.appSettings());
        appSettings.putAll(variant.settings());
        appSettings.put(StreamAppConfigDef.MODEL_RUNTIME_CONFIG, variant.runtime());
        appSettings.put(StreamAppConfigDef.MAX_BATCH_SIZE_CONFIG, String.valueOf(variant.maxBatchSize()));
        appSettings.put(StreamAppConfigDef.MAX_BATCH_DELAY_MS_CONFIG, String.valueOf(variant.maxBatchDelayMs()));
        out.printf(
                Locale.ROOT,
                "%n%s%s (%d partitions, model %s%s)%n",
                settings.rounds() > 1 ? "round " + round + "/" + settings.rounds() + ": " : "",
                variant,
                settings.partitions(),
                ArtifactLoader.readMetadata(settings.model()).modelVersion(),
                settings.appSettings().isEmpty() ? "" : ", " + settings.appSettings());
        Map<String, String> config =
                ToolApps.settings(broker, topics, stateDir, "denoiser-bench-" + run, settings.model(), appSettings);
        try (AppUnderTest app = AppUnderTest.start(config, broker.inProcess(), Path.of("work", "bench-app-" + run));
                ReconstructionReader reader = ReconstructionReader.open(
                        broker.clientProperties(), topics.output(), TopicReader.StartAt.EARLIEST);
                RecordPublisher publisher = RecordPublisher.open(broker.clientProperties(), topics.input())) {
            Phases phases = new Phases(images, reader, publisher, raw, app, samplesPrefix(variant, round));
            phases.send("warm-up", settings.warmUpImages(), 0);
            LoadMeasurement saturation = phases.send("saturation", settings.saturationImages(), 0);
            List<LoadMeasurement> loads = new ArrayList<>();
            for (int percent : settings.loadPercents()) {
                double rate = saturation.throughput() * percent / 100.0;
                int count = (int)
                        Math.max(1, Math.round(rate * settings.loadDuration().toMillis() / 1000.0));
                loads.add(phases.send(percent + "% load", count, rate));
            }
            return new Result(variant, round, saturation, loads);
        } finally {
            ToolApps.deleteQuietly(stateDir);
        }
    }

    /** Where the phases of this variant and round write their samples ({@code --samples}), or null. */
    private Path samplesPrefix(Variant variant, int round) {
        if (settings.samplesDir() == null) {
            return null;
        }
        String name = String.format(
                Locale.ROOT,
                "round%d-%s-b%d-d%d%s",
                round,
                variant.runtime(),
                variant.maxBatchSize(),
                variant.maxBatchDelayMs(),
                variant.settings().isEmpty()
                        ? ""
                        : "-" + variant.variedSettings().replaceAll("[^A-Za-z0-9.=]+", "_"));
        return settings.samplesDir().resolve(name);
    }

    /** Sends the phases of one setting through one app, each phase's images under keys of their own. */
    private final class Phases {

        /** Distinct noisy images sent: many more than the fixtures' 500 (each with noise of its own). */
        static final int VALUE_POOL = 4096;

        private final List<SourceImage> images;
        private final ReconstructionReader reader;
        private final RecordPublisher publisher;
        private final RawModelThroughput raw;
        private final AppUnderTest app;
        private final Path samplesPrefix;
        private final NoisyRecords records = new NoisyRecords(NoiseSpec.DEFAULT, 1, settings.references());
        private final List<RecordPublisher.PreparedRecord> pool = new ArrayList<>(VALUE_POOL);
        private int sent;

        Phases(
                List<SourceImage> images,
                ReconstructionReader reader,
                RecordPublisher publisher,
                RawModelThroughput raw,
                AppUnderTest app,
                Path samplesPrefix) {
            this.images = images;
            this.reader = reader;
            this.publisher = publisher;
            this.raw = raw;
            this.app = app;
            this.samplesPrefix = samplesPrefix;
        }

        /**
         * The records {@code first} to {@code first + count - 1}: each under a key of its own, its value from a pool
         * of {@value #VALUE_POOL} noisy images, serialised once (their ids repeat, the keys do not). Why a pool: a
         * phase's records all prepared before it starts (so that preparing them costs the phase nothing) would stay
         * alive while it lasts, and in this one process every young collection would copy them again, pausing the app
         * under measurement for tens of ms.
         */
        private List<RecordPublisher.PreparedRecord> records(int first, int count) {
            while (pool.size() < VALUE_POOL) {
                int index = pool.size();
                SourceImage image = images.get(index % images.size());
                pool.add(publisher.prepare(
                        records.record(new SourceImage("bench-" + index, image.image()), index, null)));
            }
            return new AbstractList<>() {
                @Override
                public RecordPublisher.PreparedRecord get(int i) {
                    int index = first + i;
                    return new RecordPublisher.PreparedRecord(
                            "bench-" + index, pool.get(index % VALUE_POOL).value());
                }

                @Override
                public int size() {
                    return count;
                }
            };
        }

        /** Sends {@code count} images at {@code rate} per second (0: unpaced) and reads them all back. */
        LoadMeasurement send(String phase, int count, double rate) {
            List<RecordPublisher.PreparedRecord> prepared = records(sent, count);
            sent += count;
            String label = String.format(
                    Locale.ROOT, "%-11s%s", phase, rate > 0 ? String.format(Locale.ROOT, " %,.0f/s", rate) : "");
            ProgressBar progress = new ProgressBar(out, label, count, "img");
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            OptionalLong appCpuStart = app.cpuNanos();
            OptionalLong requestsStart = broker.requestsHandled();
            JvmActivity jvmStart = JvmActivity.now();
            CompletableFuture<RecordPublisher.Summary> published =
                    CompletableFuture.supplyAsync(() -> publisher.publishPrepared(prepared, new Pacer(rate), n -> {}));
            Duration timeout = Duration.ofMillis(Math.round(count / (rate > 0 ? rate : SLOWEST_EXPECTED_RATE) * 1000))
                    .plus(PHASE_TIMEOUT_SLACK);
            PhaseSamples received = new PhaseSamples();
            reader.readEach(count, timeout, r -> {
                received.add(r);
                progress.update(received.count(), received.count(), "");
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long cpu = processCpuNanos() - cpuStart;
            OptionalLong appCpu = app.cpuNanos();
            OptionalLong requests = broker.requestsHandled();
            JvmActivity jvm = JvmActivity.now().since(jvmStart);
            progress.finish();
            try {
                published.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            if (received.count() < count) {
                app.requireRunning();
                throw new ToolException(String.format(
                        Locale.ROOT,
                        "%s: only %,d of %,d reconstructions arrived" + " within %d s",
                        phase,
                        received.count(),
                        count,
                        timeout.toSeconds()));
            }
            if (samplesPrefix != null) {
                received.writeCsv(samplesPrefix.resolveSibling(samplesPrefix.getFileName() + "-"
                        + phase.replace("% ", "pct-").replace(' ', '-') + ".csv"));
            }
            LoadMeasurement measurement = LoadMeasurement.of(
                    phase,
                    rate,
                    received,
                    seconds,
                    cpu,
                    since(appCpuStart, appCpu),
                    jvm,
                    since(requestsStart, requests),
                    raw);
            out.printf(
                    Locale.ROOT,
                    "  %-11s %,7.0f images/s%s, latency p50 %,d ms, p95 %,d ms, p99 %,d ms (%,d before the flush),"
                            + " mean batch %.1f, %s;"
                            + " JIT %.2f cores, GC %.1f%% of the time%n",
                    phase,
                    measurement.throughput(),
                    measurement.modelRatio() == null
                            ? ""
                            : String.format(Locale.ROOT, " (%.2fx the model alone)", measurement.modelRatio()),
                    measurement.p50Millis(),
                    measurement.p95Millis(),
                    measurement.p99Millis(),
                    measurement.p99ToFlushMillis(),
                    measurement.meanBatchSize(),
                    cpuLine(measurement, raw),
                    measurement.jitCores(),
                    measurement.gcPercent());
            out.flush();
            return measurement;
        }
    }

    /** How much a counter that may not be there (the app's CPU, the broker's requests) grew over a phase. */
    private static OptionalLong since(OptionalLong start, OptionalLong end) {
        return start.isPresent() && end.isPresent()
                ? OptionalLong.of(end.getAsLong() - start.getAsLong())
                : OptionalLong.empty();
    }

    /** CPU per image: the whole process, or the app's process beside the model's own cost and the clients'. */
    private static String cpuLine(LoadMeasurement measurement, RawModelThroughput raw) {
        if (measurement.appCpuMicrosPerImage() == null) {
            // how busy the cores were: at a fraction of saturation the CPU per image is higher, and the tail grows
            // with the share of the cores in use (docs/BENCHMARKS.md, "Sixth sitting"); the broker's requests, which
            // come at about the same pace at any load, are much of why (docs/BENCHMARKS.md, "Seventh sitting")
            return String.format(
                    Locale.ROOT,
                    "process CPU %,.0f µs per image (%.2f of %d cores busy)%s",
                    measurement.cpuMicrosPerImage(),
                    measurement.cpuMicrosPerImage() * measurement.throughput() / 1e6,
                    Runtime.getRuntime().availableProcessors(),
                    measurement.brokerRequestsPerImage() == null
                            ? ""
                            : String.format(
                                    Locale.ROOT,
                                    ", broker %,.0f requests/s (%.2f per image)",
                                    measurement.brokerRequestsPerSecond(),
                                    measurement.brokerRequestsPerImage()));
        }
        return String.format(
                Locale.ROOT,
                "CPU per image: app process %,.0f µs%s, benchmark's producer and consumer %,.0f µs",
                measurement.appCpuMicrosPerImage(),
                raw == null ? "" : String.format(Locale.ROOT, " (the model alone %,.0f µs)", raw.cpuMicrosPerImage()),
                measurement.cpuMicrosPerImage());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
