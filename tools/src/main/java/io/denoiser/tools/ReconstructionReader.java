package io.denoiser.tools;

import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.schemas.serde.RecordSerdes;
import io.denoiser.schemas.validation.InvalidRecordException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads reconstructions from a topic until enough have arrived or time is up. */
public final class ReconstructionReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final TopicReader reader;
    private final Deserializer<Reconstruction> json =
            RecordSerdes.reconstruction().deserializer();

    private ReconstructionReader(TopicReader reader) {
        this.reader = reader;
    }

    public static ReconstructionReader open(
            Map<String, Object> clientProperties, String topic, TopicReader.StartAt startAt) {
        return new ReconstructionReader(TopicReader.open(clientProperties, List.of(topic), startAt));
    }

    /**
     * Reads reconstructions until {@code count} have arrived or the timeout has passed, whichever comes first.
     *
     * @param count   stop after this many; 0 reads until the timeout
     * @param timeout stop after this long in any case
     * @param each    called with each reconstruction as it arrives
     * @throws ToolException when a record on the topic is not a reconstruction
     */
    public List<ReceivedReconstruction> read(int count, Duration timeout, Consumer<ReceivedReconstruction> each) {
        List<ReceivedReconstruction> received = new ArrayList<>();
        readEach(count, timeout, reconstruction -> {
            received.add(reconstruction);
            each.accept(reconstruction);
        });
        return received;
    }

    /**
     * Reads as {@link #read} does, keeping nothing: for a benchmark, whose heap then holds no reconstructions (the
     * collector would copy each of them while the phase lasts, pausing the app it measures).
     *
     * @return how many arrived
     */
    public int readEach(int count, Duration timeout, Consumer<ReceivedReconstruction> each) {
        int received = 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        while ((count == 0 || received < count) && System.nanoTime() < deadline) {
            for (TopicReader.Received record : reader.poll(POLL)) {
                each.accept(parse(record));
                received++;
                if (received == count) {
                    break;
                }
            }
        }
        return received;
    }

    private ReceivedReconstruction parse(TopicReader.Received received) {
        var record = received.record();
        try {
            Reconstruction value = json.deserialize(record.topic(), record.value());
            return new ReceivedReconstruction(
                    value, record.partition(), record.offset(), received.receivedAtMillis() - value.inputTimestamp());
        } catch (InvalidRecordException e) {
            throw new ToolException(
                    "the record at offset " + record.offset() + " of " + record.topic() + "-" + record.partition()
                            + " is not a reconstruction: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        reader.close();
    }
}
