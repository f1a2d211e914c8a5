package io.denoiser.tools;

import io.denoiser.schemas.records.Reconstruction;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** What a set of received reconstructions says: how good (where references came along) and how fast. */
public record ReconstructionStats(
        int count, int withQuality, OptionalDouble meanPsnr, OptionalDouble meanSsim, Percentiles latencyMillis) {

    public static ReconstructionStats of(List<ReceivedReconstruction> received) {
        List<Reconstruction> scored = received.stream()
                .map(ReceivedReconstruction::value)
                .filter(Reconstruction::hasQuality)
                .toList();
        return new ReconstructionStats(
                received.size(),
                scored.size(),
                scored.stream().mapToDouble(Reconstruction::psnr).average(),
                scored.stream().mapToDouble(Reconstruction::ssim).average(),
                new Percentiles(received.stream()
                        .mapToLong(ReceivedReconstruction::latencyMillis)
                        .toArray()));
    }

    /** e.g. {@code mean PSNR 20.37 dB, SSIM 0.876 (500 with references)}, or that there were no references. */
    public String quality() {
        if (withQuality == 0) {
            return "no references came along, so no PSNR/SSIM";
        }
        return String.format(
                Locale.ROOT,
                "mean PSNR %.2f dB, SSIM %.3f (%,d with references)",
                meanPsnr.orElseThrow(),
                meanSsim.orElseThrow(),
                withQuality);
    }

    /** e.g. {@code latency p50 41 ms, p95 80 ms, p99 95 ms}. */
    public String latency() {
        return String.format(
                Locale.ROOT,
                "latency p50 %,d ms, p95 %,d ms, p99 %,d ms",
                latencyMillis.at(50),
                latencyMillis.at(95),
                latencyMillis.at(99));
    }
}
