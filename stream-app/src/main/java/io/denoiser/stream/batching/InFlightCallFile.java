package io.denoiser.stream.batching;

import io.denoiser.stream.inference.InFlightCalls;
import io.denoiser.stream.source.SourceCoordinates;
import java.io.IOException;
import java.nio.ByteBuffer;
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
 * <task id>}, holding the {@link BufferKey}s of the call that runs, or nothing between calls. Its first line counts
 * the earlier stops with the call's only image alone, then its number of keys; then one key per line.
 *
 * <p>Why a file, written before each call: the buffer's own writes are cached until the next commit, so a record
 * there would not outlive a crash during the call; a file write is in the kernel at once and survives the process
 * (not the machine). Why beside Kafka Streams' task directory, not in it: Kafka Streams wipes that directory when it
 * restores a task from its changelog (exactly_once_v2 after a crash). It is local: a task that moves to another
 * instance starts there without suspects, and is guarded there from then on.
 *
 * <p>A failure to read or write the file is logged once and turns the guard off: it protects against crash loops and
 * must not stop the app itself. Not thread-safe: one per task, used by its stream thread.
 */
final class InFlightCallFile implements InFlightCalls, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InFlightCallFile.class);
    /** Earlier stops with the only image alone, and the number of keys that follow. */
    private static final Pattern HEADER = Pattern.compile("(\\d{1,9}) (\\d{1,9})");

    private final Path file;
    private final Set<String> suspects = new HashSet<>();
    private final Set<String> condemned = new HashSet<>();
    /** Earlier stops with the key alone in the call, for the suspect that stopped the app alone. */
    private final Map<String, Integer> stopsAlone = new HashMap<>();

    private FileChannel channel;

    private InFlightCallFile(Path file) {
        this.file = file;
    }

    /** The file of the task's calls: reads what an earlier run left in it, then keeps it open for the next calls. */
    static InFlightCallFile open(Path stateDir, String applicationId, String taskId) {
        InFlightCallFile calls = new InFlightCallFile(
                stateDir.resolve(applicationId + ".in-flight").resolve(taskId));
        try {
            Files.createDirectories(calls.file.getParent());
            if (Files.exists(calls.file)) {
                calls.readLeftOver(Files.readString(calls.file, StandardCharsets.UTF_8));
            }
            calls.channel = FileChannel.open(calls.file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
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

    @Override
    public void starting(List<SourceCoordinates> images) {
        if (channel == null) {
            return;
        }
        StringBuilder record = new StringBuilder();
        String onlyKey = images.size() == 1 ? BufferKey.of(images.get(0)) : null;
        record.append(onlyKey == null ? 0 : stopsAlone.getOrDefault(onlyKey, 0))
                .append(' ')
                .append(images.size())
                .append('\n');
        for (SourceCoordinates image : images) {
            record.append(BufferKey.of(image)).append('\n');
        }
        byte[] bytes = record.toString().getBytes(StandardCharsets.UTF_8);
        try {
            channel.write(ByteBuffer.wrap(bytes), 0);
            channel.truncate(bytes.length);
        } catch (IOException e) {
            turnOff(e);
        }
    }

    @Override
    public void ended() {
        if (channel == null) {
            return;
        }
        try {
            channel.truncate(0);
        } catch (IOException e) {
            turnOff(e);
        }
    }

    /** Closes the file as it is: a call that an error left in it is the next run's to know about. */
    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("cannot close {}: {}", file, e.getMessage());
            }
        }
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
        close();
        channel = null;
    }
}
