package io.denoiser.tools;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * How long this JVM's JIT has compiled and its collectors have run so far, to tell whether a phase of a benchmark
 * ran in steady state: while the JIT still compiles the broker's, the clients' and the app's hot code (tens of
 * CPU-seconds in the first minutes, docs/BENCHMARKS.md), it takes cores from them and the figures are not yet
 * the steady ones.
 *
 * @param compileMillis total time of the JIT's compilations (summed over its compiler threads)
 * @param gcMillis      total time of the collections (with G1's young and mixed collections, their pauses)
 */
public record JvmActivity(long compileMillis, long gcMillis) {

    /** Now, in this JVM. */
    public static JvmActivity now() {
        var compilation = ManagementFactory.getCompilationMXBean();
        long compile = compilation != null && compilation.isCompilationTimeMonitoringSupported()
                ? compilation.getTotalCompilationTime()
                : 0;
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        return new JvmActivity(compile, gc);
    }

    /** What happened between {@code earlier} and this. */
    public JvmActivity since(JvmActivity earlier) {
        return new JvmActivity(compileMillis - earlier.compileMillis, gcMillis - earlier.gcMillis);
    }
}
