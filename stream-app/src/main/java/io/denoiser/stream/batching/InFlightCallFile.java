package io.denoiser.stream.batching;

import io.denoiser.stream.inference.InFlightCalls;
import io.denoiser.stream.source.SourceCoordinates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's {@link InFlightCalls}, kept in a small file of its own: {@code <state.dir>/<application.id>.in-flight/
 * <task id>}, holding the {@link BufferKey}s of the call that runs, or none between calls. Its first line counts
 * the earlier stops with the call's only image alone, then the number of keys (nine digits each); then one key per
 * line, and after them whatever a longer earlier record left, which is not read.
 *
 * <p>Why a file, written before each call: the buffer's own writes are cached until the next commit, so a record
 * there would not outlive a crash during the call. The file is mapped into memory: a write is a copy into pages
 * that are the kernel's at once, so it survives the process (not the machine), and costs no system call (writing
 * through the channel cost about 10 us per call here, 45 with truncation). Its blocks are written once at open,
 * so that a full disk shows there and not as a fault of a mapped write; nothing else may shorten the file.
 *
 * <p>Why beside Kafka Streams' task directory, not in it: Kafka Streams wipes that directory when it restores a task
 * from its changelog (exactly_once_v2 after a crash). It is local: a task that moves to another instance starts
 * there without suspects, and is guarded there from then on.
 *
 * <p>A failure to read or write the file is logged once and turns the guard off: it protects against crash loops and
 * must not stop the app itself. Not thread-safe: one per task, used by its stream thread.
 */
final class InFlightCallFile implements InFlightCalls, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightCallFile.class);
    /** Earlier stops with the only image alone, and the number of keys that follow. */
    private static final Pattern HEADER = Pattern.compile("(\\d{9}) (\\d{9})");

    private static final int HEADER_DIGITS = 9;
    private static final int HEADER_LENGTH = 2 * HEADER_DIGITS + 2;
    /** The record between calls: no key. */
    private static final byte[] NO_CALL = header(0, 0);
    /** A key and its newline. */
    private static final int KEY_LENGTH = 31;

    private final Path file;
    private final int capacity;
    private final Set<String> suspects = new HashSet<>();
    private final Set<String> condemned = new HashSet<>();
    /** Earlier stops with the key alone in the call, for the suspect that stopped the app alone. */
    private final Map<String, Integer> stopsAlone = new HashMap<>();

    private MappedByteBuffer record;

    private InFlightCallFile(Path file, int capacity) {
        this.file = file;
        this.capacity = capacity;
    }

    /**
     * The file of the task's calls: reads what an earlier run left in it, then keeps it open for the next calls.
     *
     * @param maxCallSize the most images in one call ({@code max.batch.size}), which the file makes room for
     */
    static InFlightCallFile open(Path stateDir, String applicationId, String taskId, int maxCallSize) {
        InFlightCallFile calls = new InFlightCallFile(
                stateDir.resolve(applicationId + ".in-flight").resolve(taskId),
                HEADER_LENGTH + maxCallSize * KEY_LENGTH);
        try {
            Files.createDirectories(calls.file.getParent());
            if (Files.exists(calls.file)) {
                calls.readLeftOver(Files.readString(calls.file, StandardCharsets.UTF_8));
            }
            try (FileChannel channel = FileChannel.open(
                    calls.file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                // written, not only mapped: a full disk fails here, not later as a fault in a mapped write
                long size = channel.size();
                if (size < calls.capacity) {
                    channel.write(ByteBuffer.allocate(calls.capacity - (int) size), size);
                }
                // what an earlier run left stays until the first call: a stop before it must not forget it
                calls.record = channel.map(FileChannel.MapMode.READ_WRITE, 0, calls.capacity);
            }
        } catch (IOException | RuntimeException e) {
            calls.turnOff(e);
        }
        return calls;
    }

    @Override
    public boolean suspect(SourceCoordinates image) {
        return suspects.contains(BufferKey.of(image));
    }

    @Override
    public boolean condemned(SourceCoordinates image) {
        return condemned.contains(BufferKey.of(image));
    }

    /** Writes the keys, then the header that makes them the record: a stop between the two leaves the old record. */
    @Override
    public void starting(List<SourceCoordinates> images) {
        if (record == null) {
            return;
        }
        StringBuilder keys = new StringBuilder();
        for (SourceCoordinates image : images) {
            keys.append(BufferKey.of(image)).append('\n');
        }
        byte[] bytes = keys.toString().getBytes(StandardCharsets.UTF_8);
        if (HEADER_LENGTH + bytes.length > capacity) {
            record.put(0, NO_CALL);
            return;
        }
        String onlyKey = images.size() == 1 ? BufferKey.of(images.get(0)) : null;
        record.put(HEADER_LENGTH, bytes);
        record.put(0, header(onlyKey == null ? 0 : stopsAlone.getOrDefault(onlyKey, 0), images.size()));
    }

    @Override
    public void ended() {
        if (record != null) {
            record.put(0, NO_CALL);
        }
    }

    /**
     * Stops recording and leaves the file as it is: a call that an error left in it is the next run's to know
     * about. The mapping itself goes with the garbage collector; its pages are the kernel's already.
     */
    @Override
    public void close() {
        record = null;
    }

    /** {@code "%09d %09d\n"}, without {@code String.format}: that was half this file's cost per model call. */
    private static byte[] header(int earlierStopsAlone, int keys) {
        return (nineDigits(earlierStopsAlone) + ' ' + nineDigits(keys) + '\n').getBytes(StandardCharsets.US_ASCII);
    }

    private static String nineDigits(int value) {
        String digits = Integer.toString(value);
        return digits.length() >= HEADER_DIGITS ? digits : "0".repeat(HEADER_DIGITS - digits.length()) + digits;
    }

    /** A record left means the app stopped during that call. A malformed one (cut by the stop) is ignored. */
    private void readLeftOver(String text) {
        List<String> lines = text.lines().toList();
        if (lines.isEmpty()) {
            return;
        }
        Matcher header = HEADER.matcher(lines.get(0));
        if (!header.matches()) {
            return;
        }
        int earlierStops = Integer.parseInt(header.group(1));
        int count = Integer.parseInt(header.group(2));
        if (count < 1 || lines.size() < 1 + count) {
            return;
        }
        List<String> keys = lines.subList(1, 1 + count);
        if (count == 1) {
            int stops = earlierStops + 1;
            (stops >= CONDEMNED_AFTER ? condemned : suspects).add(keys.get(0));
            stopsAlone.put(keys.get(0), stops);
            LOG.warn(
                    "the app stopped while the model denoised image {} alone ({} time(s) in a row); {}",
                    keys.get(0),
                    stops,
                    stops >= CONDEMNED_AFTER
                            ? "it becomes a dead letter without another call"
                            : "it is tried once more, alone");
        } else {
            suspects.addAll(keys);
            LOG.warn(
                    "the app stopped during a model call on {} images ({} to {}); they are denoised one at a time",
                    count,
                    keys.get(0),
                    keys.get(count - 1));
        }
    }

    private void turnOff(Exception e) {
        LOG.warn(
                "cannot keep the record of model calls in {} ({}); a call that stops the app will be retried whole"
                        + " after a restart",
                file,
                e.toString());
        record = null;
    }
}
