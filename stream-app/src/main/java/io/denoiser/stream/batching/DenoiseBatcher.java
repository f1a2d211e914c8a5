package io.denoiser.stream.batching;

import io.denoiser.stream.health.ServingHealth;
import io.denoiser.stream.health.TaskProgress;
import io.denoiser.stream.inference.BatchDenoising;
import io.denoiser.stream.inference.LiveModel;
import io.denoiser.stream.inference.ModelCallThreads;
import io.denoiser.stream.inference.TaskModel;
import io.denoiser.stream.metrics.DenoiserMetrics;
import io.denoiser.stream.metrics.MeteredDenoiser;
import io.denoiser.stream.validation.AdmittedImage;
import io.denoiser.stream.validation.DecodedImages;
import io.denoiser.stream.validation.NoisyImageReader;
import java.nio.file.Path;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The micro-batcher: buffers valid noisy images in the changelogged store and denoises them a batch at a
 * time, when a batch is full ({@link #process}) or when the oldest image has waited long enough
 * ({@link FlushPunctuator}); the model calls run on the app's {@link ModelCallThreads} while the stream thread goes
 * on ({@link BatchFlusher}). Images still buffered when the task closes stay in the store (and its
 * changelog) and are flushed by whoever opens the task next. Owns its {@link TaskModel}: one per task, opened
 * in {@link #init} and closed in {@link #close}, since a DL4J network serialises its callers (with a runtime
 * that all tasks share, it is a view whose close leaves the runtime open); each batch is denoised by the model
 * of the {@link LiveModel} that serves when the batch starts, so a new model goes live between batches. Its model calls are recorded in an
 * {@link InFlightCallFile}, so that a call the app does not survive is not repeated whole after the restart; its
 * progress goes to the {@link io.denoiser.stream.health.StallWatch}, which reports a stall.
 */
final class DenoiseBatcher implements Processor<byte[], AdmittedImage, byte[], Object> {

    private static final Logger LOG = LoggerFactory.getLogger(DenoiseBatcher.class);

    private final BatchPolicy policy;
    private final LiveModel live;
    private final ModelCallThreads modelCalls;
    private final NoisyImageReader reader;
    private final FlushTargets targets;
    private final String inputTopic;
    private final ServingHealth health;
    private final DenoiserMetrics metrics;
    private ProcessorContext<byte[], Object> context;
    private final DecodedImages decoded = new DecodedImages();
    private BatchBuffer buffer;
    private BatchFlusher flusher;
    private TaskModel model;
    private InFlightCallFile inFlight;
    private TaskProgress progress;

    DenoiseBatcher(
            BatchPolicy policy,
            LiveModel live,
            ModelCallThreads modelCalls,
            NoisyImageReader reader,
            FlushTargets targets,
            String inputTopic,
            ServingHealth health,
            DenoiserMetrics metrics) {
        this.policy = policy;
        this.live = live;
        this.modelCalls = modelCalls;
        this.reader = reader;
        this.targets = targets;
        this.inputTopic = inputTopic;
        this.health = health;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<byte[], Object> context) {
        this.context = context;
        KeyValueStore<String, byte[]> store = context.getStateStore(DenoiseBatcherSupplier.STORE_NAME);
        buffer = BatchBuffer.restore(store);
        inFlight = InFlightCallFile.open(
                Path.of(String.valueOf(context.appConfigs().get(StreamsConfig.STATE_DIR_CONFIG))),
                context.applicationId(),
                context.taskId().toString(),
                policy.maxBatchSize());
        model = TaskModel.open(live, context.taskId().toString(), denoiser -> new MeteredDenoiser(denoiser, metrics));
        BatchDenoising denoising =
                new BatchDenoising(model, reader, decoded, policy.maxBatchPixels(), inFlight, health.model());
        progress = health.stalls().register(context.taskId().toString());
        progress.imagesWaiting(buffer.held());
        flusher = new BatchFlusher(
                context, buffer, policy, denoising, modelCalls.executor(), targets, inputTopic, progress, metrics);
        context.schedule(policy.checkInterval(), PunctuationType.WALL_CLOCK_TIME, new FlushPunctuator(flusher));
        if (buffer.size() > 0) {
            LOG.info("task {} resumes with {} buffered images", context.taskId(), buffer.size());
        }
    }

    @Override
    public void process(Record<byte[], AdmittedImage> record) {
        buffer.add(new PendingImage(record.value().input(), context.currentSystemTimeMs()));
        decoded.put(record.value());
        progress.imagesWaiting(buffer.held());
        flusher.flushFullBatches();
    }

    @Override
    public void close() {
        if (flusher != null) {
            flusher.abandonHandedOver();
        }
        if (model != null) {
            model.close();
        }
        if (inFlight != null) {
            inFlight.close();
        }
        if (progress != null) {
            health.stalls().unregister(progress);
        }
    }
}
