package io.denoiser.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * {@code ./denoiser bench-inference}: runs the inference and record codec benchmarks and prints Markdown
 * tables: images per second (median of the measured iterations) with the ratio to the plain DL4J network at
 * the same batch size, and records per second and microseconds per record of each codec step. Any JMH
 * option may be given (e.g. {@code -f 1 -wi 2 -i 3} or a benchmark regex).
 */
public final class InferenceReport {

    private InferenceReport() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions jmhOptions = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(jmhOptions);
        if (jmhOptions.getIncludes().isEmpty()) {
            options.include(InferenceBenchmark.class.getSimpleName())
                    .include(ParallelInferenceBenchmark.class.getSimpleName())
                    .include(RecordCodecBenchmark.class.getSimpleName());
        }
        print(run(options));
    }

    private static Collection<RunResult> run(OptionsBuilder options) throws RunnerException {
        return new Runner(options.build()).run();
    }

    private static void print(Collection<RunResult> results) {
        printInference(results.stream()
                .filter(result -> result.getParams().getParam("batchSize") != null)
                .toList());
        printCodec(results.stream()
                .filter(result -> result.getParams().getParam("batchSize") == null)
                .toList());
    }

    /** One record per operation: records per second and microseconds per record, on one thread. */
    private static void printCodec(List<RunResult> results) {
        if (results.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("| record codec step | encoding | records/s per thread (median) | µs per record |");
        System.out.println("|---|---|---|---|");
        for (RunResult result : results) {
            double perSecond = result.getPrimaryResult().getStatistics().getPercentile(50);
            String benchmark = result.getParams().getBenchmark();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %s | %,.0f | %.1f |%n",
                    benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    result.getParams().getParam("encoding"),
                    perSecond,
                    1e6 / perSecond);
        }
    }

    private static void printInference(List<RunResult> results) {
        if (results.isEmpty()) {
            return;
        }
        Map<String, Double> baseline = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        for (RunResult result : results) {
            var params = result.getParams();
            int batch = Integer.parseInt(params.getParam("batchSize"));
            String runtime = params.getParam("runtime");
            int threads = params.getThreads();
            // JMH sums the throughput of all threads of a benchmark into one score
            double batchesPerSecond = result.getPrimaryResult().getStatistics().getPercentile(50);
            double imagesPerSecond = batchesPerSecond * batch;
            if (runtime.equals("dl4j-plain")) {
                baseline.put(threads + "/" + batch, imagesPerSecond);
            }
            rows.add(new String[] {
                runtime,
                Integer.toString(threads),
                Integer.toString(batch),
                String.format(Locale.ROOT, "%,.0f", imagesPerSecond),
                Double.toString(imagesPerSecond)
            });
        }
        System.out.println();
        System.out.println("| runtime | threads | batch | images/s (median) | vs dl4j-plain, 1 thread, same batch |");
        System.out.println("|---|---|---|---|---|");
        for (String[] row : rows) {
            Double base = baseline.get("1/" + row[2]);
            String ratio = base == null ? "–" : String.format(Locale.ROOT, "%.1fx", Double.parseDouble(row[4]) / base);
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", row[0], row[1], row[2], row[3], ratio);
        }
    }
}
