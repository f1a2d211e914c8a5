package io.denoiser.tools.commands;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.denoiser.tools.LatencyPlot;
import io.denoiser.tools.LoadMeasurement;
import io.denoiser.tools.PngFiles;
import io.denoiser.tools.RawModelThroughput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The benchmark's results as a markdown table (printed and written), JSON, and a latency-against-load plot. */
final class BenchReport {

    static final String MARKDOWN = "bench.md";
    static final String JSON = "bench.json";
    static final String PLOT = "latency-vs-load.png";

    private BenchReport() {}

    static void write(Bench.Settings settings, Bench.Outcome outcome, Path folder, PrintWriter out) {
        List<Bench.Result> measured = outcome.results();
        List<Bench.Result> results = RoundMedians.of(measured);
        String table = rawModel(outcome.rawModel()) + table(results);
        out.println();
        out.print(table);
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(MARKDOWN), header(settings) + "\n" + table);
            new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(
                            folder.resolve(JSON).toFile(),
                            new Json(
                                    Instant.now()
                                            .truncatedTo(ChronoUnit.SECONDS)
                                            .toString(),
                                    Runtime.getRuntime().availableProcessors(),
                                    settings.partitions(),
                                    settings.references(),
                                    settings.appSettings(),
                                    outcome.rawModel(),
                                    results,
                                    settings.rounds() > 1 ? measured : null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + folder, e);
        }
        PngFiles.write(
                LatencyPlot.render("end-to-end latency against offered load", series(results)), folder.resolve(PLOT));
        out.printf("wrote %s, %s and %s in %s%n", MARKDOWN, JSON, PLOT, folder);
    }

    /** {@code results} holds one result per setting (the medians when there were rounds), {@code rounds} each round's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Json(
            String measuredAt,
            int processors,
            int partitions,
            boolean references,
            Map<String, String> appSettings,
            Map<String, RawModelThroughput> rawModel,
            List<Bench.Result> results,
            List<Bench.Result> rounds) {}

    private static String header(Bench.Settings settings) {
        return String.format(
                Locale.ROOT,
                "Measured %s on %d processors (%s), %d partitions, %s;"
                        + " %,d warm-up and %,d saturation images, %d s per load; %s; other settings %s.%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getRuntimeMXBean().getVmName(),
                settings.partitions(),
                settings.references() ? "with references (PSNR/SSIM per image)" : "no references",
                settings.warmUpImages(),
                settings.saturationImages(),
                settings.loadDuration().toSeconds(),
                settings.rounds() > 1
                        ? "each figure the median of " + settings.rounds() + " rounds, settings in turn"
                        : "one round",
                settings.appSettings().isEmpty() ? "default" : settings.appSettings());
    }

    /**
     * The model alone, measured in the same JVM at the start of each round (the median over the rounds): what the
     * saturation figures are compared with, each with its own round's.
     */
    private static String rawModel(Map<String, RawModelThroughput> raw) {
        if (raw.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder();
        table.append("| model alone | batch | caller threads | throughput (img/s) | CPU per image (µs) |\n");
        table.append("|---|---:|---:|---:|---:|\n");
        raw.forEach((runtime, figure) -> table.append(String.format(
                Locale.ROOT,
                "| %s (%s) | %d | %d | %,.0f | %,.0f |%n",
                runtime,
                figure.runtime(),
                figure.batchSize(),
                figure.threads(),
                figure.imagesPerSecond(),
                figure.cpuMicrosPerImage())));
        return table.append('\n').toString();
    }

    private static String table(List<Bench.Result> results) {
        StringBuilder table = new StringBuilder();
        table.append(
                "| runtime | max.batch.size | max.batch.delay.ms | varied setting | phase | offered (img/s) | throughput (img/s) |"
                        + " x model alone | p50 (ms) | p95 (ms) | p99 (ms) | mean batch | process CPU per image (µs) |"
                        + " app process CPU per image (µs) | broker requests per image | JIT (cores) | GC (% of time) |\n");
        table.append("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Bench.Result result : results) {
            List<LoadMeasurement> rows = new ArrayList<>();
            rows.add(result.saturation());
            rows.addAll(result.loads());
            for (LoadMeasurement m : rows) {
                boolean unpaced = m.offeredRate() <= 0;
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %d | %d | %s | %s | %s | %,.0f | %s | %,d | %,d | %,d | %.1f | %,.0f | %s | %s | %.2f | %.1f |%n",
                        result.variant().runtime(),
                        result.variant().maxBatchSize(),
                        result.variant().maxBatchDelayMs(),
                        result.variant().variedSettings(),
                        m.phase(),
                        unpaced ? "unpaced" : String.format(Locale.ROOT, "%,.0f", m.offeredRate()),
                        m.throughput(),
                        m.modelRatio() == null ? "" : String.format(Locale.ROOT, "%.2f", m.modelRatio()),
                        m.p50Millis(),
                        m.p95Millis(),
                        m.p99Millis(),
                        m.meanBatchSize(),
                        m.cpuMicrosPerImage(),
                        m.appCpuMicrosPerImage() == null
                                ? ""
                                : String.format(Locale.ROOT, "%,.0f", m.appCpuMicrosPerImage()),
                        m.brokerRequestsPerImage() == null
                                ? ""
                                : String.format(Locale.ROOT, "%.2f", m.brokerRequestsPerImage()),
                        m.jitCores(),
                        m.gcPercent()));
            }
        }
        return table.toString();
    }

    /** p99 against offered load for each setting, and p50/p95 too when there is only one. */
    private static List<LatencyPlot.Series> series(List<Bench.Result> results) {
        List<LatencyPlot.Series> series = new ArrayList<>();
        for (Bench.Result result : results) {
            String varied = result.variant().variedSettings();
            String name = String.format(
                    Locale.ROOT,
                    "%s b%d/d%d%s",
                    result.variant().runtime(),
                    result.variant().maxBatchSize(),
                    result.variant().maxBatchDelayMs(),
                    varied.isEmpty() ? "" : " " + varied);
            if (results.size() == 1) {
                series.add(new LatencyPlot.Series(name + " p50", points(result, LoadMeasurement::p50Millis)));
                series.add(new LatencyPlot.Series(name + " p95", points(result, LoadMeasurement::p95Millis)));
            }
            series.add(new LatencyPlot.Series(name + " p99", points(result, LoadMeasurement::p99Millis)));
        }
        return series;
    }

    private static List<LatencyPlot.Point> points(
            Bench.Result result, java.util.function.ToLongFunction<LoadMeasurement> latency) {
        return result.loads().stream()
                .map(m -> new LatencyPlot.Point(m.offeredRate(), latency.applyAsLong(m)))
                .toList();
    }
}
