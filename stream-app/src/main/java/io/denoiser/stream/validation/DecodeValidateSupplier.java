package io.denoiser.stream.validation;

import io.denoiser.stream.metrics.DenoiserMetrics;
import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;

/**
 * Supplies the {@code decode-validate} node: raw input records in ({@code byte[]} key and value); out go
 * valid ones as {@link AdmittedImage} (bytes and decoded pixels) to {@code validNode}, and invalid ones as dead letters to
 * {@code deadLetterNode}. Stateless.
 */
public final class DecodeValidateSupplier implements ProcessorSupplier<byte[], byte[], byte[], Object> {

    /** The node's name in the topology; {@link UnexpectedFailureHandler} dead-letters what escapes it. */
    public static final String NAME = "decode-validate";

    private final NoisyImageReader reader;
    private final String validNode;
    private final String deadLetterNode;
    private final DenoiserMetrics metrics;

    public DecodeValidateSupplier(NoisyImageReader reader, String validNode, String deadLetterNode) {
        this(reader, validNode, deadLetterNode, DenoiserMetrics.NONE);
    }

    /**
     * A supplier whose nodes report to {@code metrics}.
     *
     * @param metrics told of every record that arrives and every dead letter the node makes
     */
    public DecodeValidateSupplier(
            NoisyImageReader reader, String validNode, String deadLetterNode, DenoiserMetrics metrics) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.validNode = Objects.requireNonNull(validNode, "validNode");
        this.deadLetterNode = Objects.requireNonNull(deadLetterNode, "deadLetterNode");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public Processor<byte[], byte[], byte[], Object> get() {
        return new DecodeValidateProcessor(reader, validNode, deadLetterNode, metrics);
    }
}
