package io.denoiser.stream.errors;

import io.denoiser.stream.metrics.DenoiserMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the app does when Kafka refuses a record it writes (the {@code production.exception.handler}).
 *
 * <ul>
 *   <li>A reconstruction or dead letter too large for Kafka ({@link RecordTooLargeException}): RESUME. The
 *       record is dropped with one ERROR line naming its topic, key (the image id), size and the remedy, and
 *       Kafka Streams counts it in the task's {@code dropped-records} metric. Why not fail: the size of an
 *       output is a property of its image, so the app would fail on it again after every restart, and no image
 *       behind it would ever be denoised.
 *   <li>A batch-buffer changelog record too large: FAIL. Dropping it would silently break the buffer's crash
 *       safety; it can only happen for an input within a few bytes of the broker's limit.
 *   <li>A transient failure ({@link RetriableException}, e.g. the {@code TimeoutException} of a send that found
 *       no broker within {@code delivery.timeout.ms}, during a broker outage): RETRY, as Kafka Streams' default
 *       handler does. Kafka Streams then treats the task as corrupted: it closes it without committing and
 *       reprocesses from the last committed offsets, so the record is written again once the broker is back, and
 *       nothing is dropped (BrokerOutageIT shows it with an outage longer than {@code task.timeout.ms}). Dropping
 *       it (RESUME) would lose an image for a transient error, and failing (FAIL) would stop the instance.
 *   <li>Any other failure: FAIL, as Kafka Streams' default handler does; the uncaught-exception policy then
 *       stops this instance.
 * </ul>
 *
 * With the default {@code max.encoded.bytes} every record made for an accepted raw-u8 image fits in Kafka's
 * default 1 MiB, and dead letters are written to fit the producer's {@code max.request.size} whatever their input
 * (see {@code BoundedDeadLetterSerializer}); what remains possible are PNG reconstructions larger than their input,
 * and records the broker refuses because a topic's {@code max.message.bytes} is below the producer's
 * {@code max.request.size}. Stateless after {@link #configure}; thread-safe.
 */
public final class OversizedRecordHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OversizedRecordHandler.class);
    private static final int MAX_KEY_CHARS = 256;

    private String internalTopicPrefix = "";
    private DenoiserMetrics metrics = DenoiserMetrics.NONE;

    @Override
    public void configure(Map<String, ?> configs) {
        Object applicationId = Objects.requireNonNull(
                configs.get(StreamsConfig.APPLICATION_ID_CONFIG), StreamsConfig.APPLICATION_ID_CONFIG);
        internalTopicPrefix = applicationId + "-";
        metrics = DenoiserMetrics.from(configs);
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof RecordTooLargeException && !isChangelog(record.topic())) {
            LOG.error(
                    "dropped a record of {} bytes for topic {} (key {}) in task {}: {}. Raise the producer's"
                            + " max.request.size (producer.max.request.size in the app's config) and the topic's"
                            + " max.message.bytes, or lower max.encoded.bytes so that accepted images make smaller records",
                    sizeOf(record),
                    record.topic(),
                    keyOf(record),
                    context.taskId(),
                    exception.getMessage());
            metrics.recordDropped(record.topic());
            return Response.resume();
        }
        if (exception instanceof RetriableException) {
            LOG.warn(
                    "could not write a record for topic {} (key {}) in task {}: {}; the task will be reprocessed from"
                            + " its last commit once Kafka answers, nothing is dropped",
                    record.topic(),
                    keyOf(record),
                    context.taskId(),
                    exception.toString());
            return Response.retry();
        }
        return Response.fail();
    }

    private boolean isChangelog(String topic) {
        return topic.startsWith(internalTopicPrefix) && topic.endsWith("-changelog");
    }

    private static int sizeOf(ProducerRecord<byte[], byte[]> record) {
        return lengthOf(record.key()) + lengthOf(record.value());
    }

    private static int lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    private static String keyOf(ProducerRecord<byte[], byte[]> record) {
        if (record.key() == null) {
            return "null";
        }
        String key = new String(record.key(), StandardCharsets.UTF_8);
        return key.length() <= MAX_KEY_CHARS ? key : key.substring(0, MAX_KEY_CHARS) + "...";
    }
}
