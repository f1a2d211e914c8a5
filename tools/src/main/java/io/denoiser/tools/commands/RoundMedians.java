package io.denoiser.tools.commands;

import io.denoiser.tools.LoadMeasurement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Folds the rounds of a benchmark into one result per setting: each figure of each phase (throughput, every
 * percentile, mean batch) is the median of that figure over the rounds, taken on its own.
 */
final class RoundMedians {

    private RoundMedians() {}

    static List<Bench.Result> of(List<Bench.Result> results) {
        Map<Bench.Variant, List<Bench.Result>> byVariant = new LinkedHashMap<>();
        for (Bench.Result result : results) {
            byVariant.computeIfAbsent(result.variant(), v -> new ArrayList<>()).add(result);
        }
        List<Bench.Result> medians = new ArrayList<>();
        byVariant.forEach((variant, rounds) -> medians.add(median(variant, rounds)));
        return medians;
    }

    private static Bench.Result median(Bench.Variant variant, List<Bench.Result> rounds) {
        if (rounds.size() == 1) {
            return rounds.get(0);
        }
        LoadMeasurement saturation =
                median(rounds.stream().map(Bench.Result::saturation).toList());
        List<LoadMeasurement> loads = new ArrayList<>();
        for (int i = 0; i < rounds.get(0).loads().size(); i++) {
            int phase = i;
            loads.add(median(rounds.stream().map(r -> r.loads().get(phase)).toList()));
        }
        return new Bench.Result(variant, 0, saturation, loads);
    }

    private static LoadMeasurement median(List<LoadMeasurement> phases) {
        LoadMeasurement first = phases.get(0);
        return new LoadMeasurement(
                first.phase(),
                median(phases, LoadMeasurement::offeredRate),
                (int) median(phases, LoadMeasurement::images),
                median(phases, LoadMeasurement::throughput),
                Math.round(median(phases, LoadMeasurement::p50Millis)),
                Math.round(median(phases, LoadMeasurement::p95Millis)),
                Math.round(median(phases, LoadMeasurement::p99Millis)),
                median(phases, LoadMeasurement::meanBatchSize),
                median(phases, LoadMeasurement::cpuMicrosPerImage),
                first.appCpuMicrosPerImage() == null ? null : median(phases, LoadMeasurement::appCpuMicrosPerImage),
                median(phases, LoadMeasurement::jitCores),
                median(phases, LoadMeasurement::gcPercent),
                Math.round(median(phases, LoadMeasurement::p99ToFlushMillis)),
                first.modelRatio() == null ? null : median(phases, LoadMeasurement::modelRatio),
                first.brokerRequestsPerImage() == null
                        ? null
                        : median(phases, LoadMeasurement::brokerRequestsPerImage));
    }

    /** The middle value, or the mean of the two middle values of an even count. */
    private static double median(List<LoadMeasurement> phases, ToDoubleFunction<LoadMeasurement> figure) {
        double[] values = phases.stream().mapToDouble(figure).sorted().toArray();
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
