package io.denoiser.tools;

/**
 * One phase of a benchmark: images sent at an offered rate (0: as fast as possible) and what came back.
 *
 * @param throughput        reconstructions per second, from the first image sent to the last reconstruction read
 * @param cpuMicrosPerImage CPU time of this whole process per image over the phase: the benchmark's producer and
 *                          consumer, and the app and the broker too when they run in this process
 * @param appCpuMicrosPerImage CPU time of the app's own process per image, when it runs in one ({@code null}
 *                          otherwise)
 * @param jitCores          the JIT's compilations in this process over the phase, in cores (compile time / phase
 *                          time): near 0 in steady state
 * @param gcPercent         the time this process's collectors ran over the phase, in percent of the phase
 * @param p99ToFlushMillis  p99 of the part of the latency before the app flushed the image's batch
 * @param modelRatio        an unpaced phase's throughput over the model alone's, measured in the same round;
 *                          {@code null} for a paced phase or without that measurement
 * @param brokerRequestsPerImage requests of every type the broker handled over the phase, per image, when it runs
 *                          in this process ({@code null} otherwise): its CPU goes with them, and they come at the
 *                          pace of the clients' lingers and fetches whatever the load
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
        Double appCpuMicrosPerImage,
        double jitCores,
        double gcPercent,
        long p99ToFlushMillis,
        Double modelRatio,
        Double brokerRequestsPerImage) {

    public static LoadMeasurement of(
            String phase,
            double offeredRate,
            PhaseSamples received,
            double seconds,
            long processCpuNanos,
            java.util.OptionalLong appProcessCpuNanos,
            JvmActivity jvm,
            java.util.OptionalLong brokerRequests,
            RawModelThroughput model) {
        double throughput = received.count() / Math.max(seconds, 1e-9);
        Percentiles latency = new Percentiles(received.latencies());
        return new LoadMeasurement(
                phase,
                offeredRate,
                received.count(),
                throughput,
                latency.at(50),
                latency.at(95),
                latency.at(99),
                received.meanBatchSize(),
                perImage(processCpuNanos, received.count()),
                appProcessCpuNanos.isPresent() ? perImage(appProcessCpuNanos.getAsLong(), received.count()) : null,
                jvm.compileMillis() / 1e3 / Math.max(seconds, 1e-9),
                jvm.gcMillis() / 10.0 / Math.max(seconds, 1e-9),
                new Percentiles(received.toFlush()).at(99),
                offeredRate <= 0 && model != null ? throughput / model.imagesPerSecond() : null,
                brokerRequests.isPresent()
                        ? (double) brokerRequests.getAsLong() / Math.max(received.count(), 1)
                        : null);
    }

    /** Requests per second the broker handled over the phase, when it runs in this process. */
    public Double brokerRequestsPerSecond() {
        return brokerRequestsPerImage == null ? null : brokerRequestsPerImage * throughput;
    }

    private static double perImage(long nanos, int images) {
        return images == 0 ? 0 : nanos / 1e3 / images;
    }
}
