package io.denoiser.stream.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The memory of another JVM process, read from outside as an operator would: {@code jcmd} for the heap after a full
 * collection and the JVM's own native memory (Native Memory Tracking, when the process runs with
 * {@code -XX:NativeMemoryTracking=summary}), {@code /proc/<pid>/status} for the resident size (everything: heap,
 * JVM, and what ONNX Runtime, RocksDB and JavaCPP allocate natively), and the size of a folder on disk. Linux only.
 */
final class ProcessMemory {

    private static final Pattern GENERATION = Pattern.compile("total (\\d+)K, used (\\d+)K");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");

    /** One sample; bytes, -1 where not known. */
    record Sample(
            double seconds, long heapAfterGc, long resident, long peakResident, long jvmNativeCommitted, long store) {}

    private static final Map<Long, Long> PEAKS_SEEN = new ConcurrentHashMap<>();

    private ProcessMemory() {}

    /**
     * {@link #peakResident} while the process lives, and the last value read once it has gone ({@code /proc} forgets
     * it then); -1 if never read.
     */
    static long peakResidentBytesSeen(long pid) {
        try {
            PEAKS_SEEN.merge(pid, peakResident(pid), Math::max);
        } catch (UncheckedIOException | IllegalStateException gone) {
            // exited: the last value read stands
        }
        return PEAKS_SEEN.getOrDefault(pid, -1L);
    }

    /** Collects the process's garbage ({@code jcmd GC.run}) and returns the heap then in use. */
    static long heapAfterGc(long pid) {
        jcmd(pid, "GC.run");
        long used = 0;
        Matcher generation = GENERATION.matcher(jcmd(pid, "GC.heap_info"));
        while (generation.find()) {
            used += Long.parseLong(generation.group(2)) * 1024;
        }
        return used;
    }

    /** The JVM's committed memory by Native Memory Tracking (heap included), or -1 without it. */
    static long jvmNativeCommitted(long pid) {
        Matcher total = NMT_TOTAL.matcher(jcmd(pid, "VM.native_memory", "summary"));
        return total.find() ? Long.parseLong(total.group(2)) * 1024 : -1;
    }

    /** {@code VmRSS}: the resident size now. */
    static long resident(long pid) {
        return statusKb(pid, "VmRSS") * 1024;
    }

    /** {@code VmHWM}: the largest resident size the process has had. */
    static long peakResident(long pid) {
        return statusKb(pid, "VmHWM") * 1024;
    }

    static long sizeOnDisk(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0; // RocksDB deleted it meanwhile
                        }
                    })
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return -1; // a file went away during the walk; the next sample counts again
        }
    }

    static Sample sample(long pid, double seconds, Path store, boolean nativeTracking) {
        long heap = heapAfterGc(pid);
        return new Sample(
                seconds,
                heap,
                resident(pid),
                peakResident(pid),
                nativeTracking ? jvmNativeCommitted(pid) : -1,
                sizeOnDisk(store));
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            throw new IllegalStateException("no " + field + " in /proc/" + pid + "/status");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }

    private static String jcmd(long pid, String... command) {
        List<String> line = new ArrayList<>();
        line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        line.add(Long.toString(pid));
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
