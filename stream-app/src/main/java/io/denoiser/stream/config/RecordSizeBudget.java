package io.denoiser.stream.config;

import io.denoiser.schemas.serde.BoundedDeadLetterSerializer;
import io.denoiser.schemas.serde.DeadLetterKeySerializer;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How large the records the app reads and writes may be, derived from the one limit the app's producer enforces
 * on every record it sends: {@code max.request.size}. Kafka refuses a larger record, and what the app cannot
 * write it cannot keep: a refused batch-buffer changelog entry stops the instance, a refused dead letter loses
 * the record. So an input is admitted only when its changelog entry fits, and a dead letter is written to fit.
 *
 * @param maxRequestSize the producer's {@code max.request.size}, in bytes
 */
public record RecordSizeBudget(int maxRequestSize) {

    /** Kafka's default {@code max.request.size}. */
    public static final int DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /**
     * Room for what a record holds besides its key and value, with a wide margin: the batch header (61 bytes),
     * the record header (at most 21), and for a changelog entry its key (30) and the buffer entry's header (41
     * bytes and the topic name, at most 249).
     */
    static final int ENVELOPE_BYTES = 1024;

    /** Below this, not even a dead letter cut to its shortest form would always fit. */
    public static final int MIN_MAX_REQUEST_SIZE = 64 * 1024;

    static final String PRODUCER_MAX_REQUEST_SIZE_CONFIG =
            StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);

    public RecordSizeBudget {
        if (maxRequestSize < MIN_MAX_REQUEST_SIZE) {
            throw new IllegalArgumentException(
                    "max.request.size must be at least " + MIN_MAX_REQUEST_SIZE + ", got " + maxRequestSize);
        }
    }

    /**
     * The producer's {@code max.request.size} among Kafka settings: {@code producer.max.request.size}, else
     * {@code max.request.size}, else Kafka's default; Kafka Streams chooses the same way.
     *
     * @throws ConfigException naming the key, when the value is not a number of at least
     *                         {@value #MIN_MAX_REQUEST_SIZE}
     */
    static RecordSizeBudget of(Map<String, String> kafkaSettings) {
        String key = kafkaSettings.containsKey(PRODUCER_MAX_REQUEST_SIZE_CONFIG)
                ? PRODUCER_MAX_REQUEST_SIZE_CONFIG
                : ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
        String value = kafkaSettings.get(key);
        if (value == null) {
            return new RecordSizeBudget(DEFAULT_MAX_REQUEST_SIZE);
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= MIN_MAX_REQUEST_SIZE) {
                return new RecordSizeBudget(parsed);
            }
        } catch (NumberFormatException e) {
            // reported below, like a number too small
        }
        throw new ConfigException(
                key,
                value,
                "must be a number of bytes of at least " + MIN_MAX_REQUEST_SIZE + ", so that dead letters fit");
    }

    /**
     * The largest input (key and value together) the app admits: its batch-buffer changelog entry holds both, and
     * must fit in one record. A larger one is a dead letter with TOO_LARGE.
     */
    public int maxInputRecordBytes() {
        return maxRequestSize - ENVELOPE_BYTES;
    }

    /** The most a dead letter's value may take; its key is at most {@link DeadLetterKeySerializer#MAX_KEY_BYTES}. */
    public int maxDeadLetterBytes() {
        return Math.max(
                BoundedDeadLetterSerializer.MIN_MAX_BYTES,
                maxRequestSize - DeadLetterKeySerializer.MAX_KEY_BYTES - ENVELOPE_BYTES);
    }
}
