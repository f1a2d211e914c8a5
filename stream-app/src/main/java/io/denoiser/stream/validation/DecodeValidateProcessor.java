package io.denoiser.stream.validation;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.validation.InvalidRecordException;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.source.DeadLetters;
import io.denoiser.stream.source.InputRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Checks each input record fully (size, JSON, admission, pixel decoding) and routes it: valid ones go on with
 * their key and timestamp as an {@link AdmittedImage}, their decoded pixels with the original bytes (the batcher
 * denoises the pixels and buffers the bytes, which a dead letter may need later), the rest become dead letters
 * and processing goes on. Dead letters leave the
 * input's headers behind: any producer may send nearly a megabyte of them, and a dead letter must fit in one
 * Kafka record (reconstructions carry none either, as the batch buffer does not keep them). Whatever else
 * escapes {@link #process}, a defect, {@link UnexpectedFailureHandler} turns into a dead letter.
 */
final class DecodeValidateProcessor implements Processor<byte[], byte[], byte[], Object> {

    private final NoisyImageReader reader;
    private final String validNode;
    private final String deadLetterNode;
    private final DenoiserMetrics metrics;
    private ProcessorContext<byte[], Object> context;

    DecodeValidateProcessor(NoisyImageReader reader, String validNode, String deadLetterNode, DenoiserMetrics metrics) {
        this.reader = reader;
        this.validNode = validNode;
        this.deadLetterNode = deadLetterNode;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        metrics.imageReceived();
        InputRecord input = InputRecord.of(record, sourceCoordinates());
        ValidNoisyImage image;
        try {
            image = reader.readArrived(input);
        } catch (InvalidRecordException rejection) {
            DeadLetter letter = DeadLetters.rejected(input, rejection, context.currentSystemTimeMs());
            context.forward(record.withValue(letter).withHeaders(new RecordHeaders()), deadLetterNode);
            metrics.deadLettered(letter.reason());
            return;
        }
        context.forward(record.withValue(new AdmittedImage(input, image)), validNode);
    }

    private RecordMetadata sourceCoordinates() {
        return context.recordMetadata()
                .orElseThrow(() -> new IllegalStateException(
                        "decode-validate must be fed by a source node, so that records have coordinates"));
    }
}
