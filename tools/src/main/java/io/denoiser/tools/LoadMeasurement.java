package io.denoiser.tools;

/**
 * One phase of a benchmark: images sent at an offered rate (0: as fast as possible) and what came back.
 *
 * @param throughput        reconstructions per second, from the first image sent to the last reconstruction read
 * @param cpuMicrosPerImage CPU time of this whole process per image over the phase: the benchmark's producer and
 *                          consumer, and the app and the broker too when they run in this process
 * @param appCpuMicrosPerImage CPU time of the app's own process per image, when it runs in one ({@code null}
 *                          otherwise)
 */
public record LoadMeasurement(
        String phase,
        double offeredRate,
        int images,
        double throughput,
        long p50Millis,
        long p95Millis,
        long p99Millis,
        double meanBatchSize,
        double cpuMicrosPerImage,
        Double appCpuMicrosPerImage) {

    public static LoadMeasurement of(
            String phase,
            double offeredRate,
            java.util.List<ReceivedReconstruction> received,
            double seconds,
            long processCpuNanos,
            java.util.OptionalLong appProcessCpuNanos) {
        Percentiles latency = new Percentiles(received.stream()
                .mapToLong(ReceivedReconstruction::latencyMillis)
                .toArray());
        double meanBatch =
                received.stream().mapToInt(r -> r.value().batchSize()).average().orElse(0);
        return new LoadMeasurement(
                phase,
                offeredRate,
                received.size(),
                received.size() / Math.max(seconds, 1e-9),
                latency.at(50),
                latency.at(95),
                latency.at(99),
                meanBatch,
                perImage(processCpuNanos, received.size()),
                appProcessCpuNanos.isPresent() ? perImage(appProcessCpuNanos.getAsLong(), received.size()) : null);
    }

    private static double perImage(long nanos, int images) {
        return images == 0 ? 0 : nanos / 1e3 / images;
    }
}
