package io.denoiser.stream.app;

import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.health.BrokerWatch;
import io.denoiser.stream.http.HttpSurface;
import io.denoiser.stream.http.Observability;
import io.denoiser.stream.inference.ModelBrokenException;
import io.denoiser.stream.metrics.DenoiserMetrics;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology in Kafka Streams from start to stop, each step decided on purpose:
 *
 * <ul>
 *   <li><b>Uncaught exceptions: SHUTDOWN_CLIENT.</b> Failures of single records never get here: undecodable
 *       inputs and images the model fails on become dead letters, outputs too large for Kafka are dropped by
 *       {@code OversizedRecordHandler}. What does get here is a fault of this instance or its surroundings (a
 *       changelog write refused, lost authorisation, a runtime crash). REPLACE_THREAD
 *       would replay the same records into the same fault, looping while looking alive; SHUTDOWN_APPLICATION
 *       would also stop healthy instances. So this instance stops, visibly: {@link #awaitStop} returns the
 *       cause, the process exits with 1 for its supervisor to restart it and someone to look, and its tasks
 *       move to the other instances meanwhile.
 *   <li><b>A broken model stops the instance too</b> ({@link ModelBrokenException}: a call failed and so did a probe
 *       image), with one ERROR line giving the reason and exit code 1: dead-lettering every image would look healthy
 *       while losing the stream; stopped, the images wait in the buffer until a fixed model or runtime is started.
 *   <li><b>Start-up:</b> {@link #start} returns once RUNNING (or stopped on request), or fails after {@code startup.timeout.ms} with a
 *       message saying why, e.g. {@code no Kafka broker reachable at localhost:9092 within 60 s}.
 *   <li><b>Shutdown:</b> {@link #close} calls {@code KafkaStreams.close(shutdown.timeout.ms)}: the current
 *       batches finish and commit; images still buffered stay in the changelogged store and are denoised after
 *       the next start. Then it releases the model, but only if Kafka Streams did stop, since a thread still
 *       running may be inside a model call, and stops the HTTP server.
 *   <li><b>Observed from the start:</b> with an {@link Observability}, the HTTP server (metrics, health, live page)
 *       listens as soon as the client exists, so readiness answers 503 while it starts.
 * </ul>
 *
 * Thread-safety: {@link #start} and {@link #awaitStop} from one thread; {@link #close} from any, e.g. a signal's
 * thread or a shutdown hook, any number of times.
 */
public final class StreamAppLifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamAppLifecycle.class);
    /** The broker check after a slow start should not double the wait. */
    private static final Duration LONGEST_BROKER_PROBE = Duration.ofSeconds(5);

    private final StreamAppConfig config;
    private final AutoCloseable model;
    private final AutoCloseable watchers;
    private final KafkaStreams streams;
    private final StateWatch states = new StateWatch();
    private final BrokerWatch brokerWatch;
    private final AtomicReference<Throwable> fatalError = new AtomicReference<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closeDone = new CountDownLatch(1);
    private final Optional<HttpSurface> http;

    /**
     * @param model closed after Kafka Streams has stopped (the shared runtime session)
     * @throws StartupException when Kafka's clients cannot be created from the config, e.g. no broker address
     *                          resolves
     */
    public StreamAppLifecycle(Topology topology, StreamAppConfig config, AutoCloseable model) {
        this(topology, config, model, () -> {}, Optional.empty());
    }

    /**
     * A lifecycle whose app is observed: Kafka Streams' error handlers report to {@code observability}'s metrics,
     * and its HTTP server starts now.
     *
     * @param watchers threads of the app's own that only watch or report, closed at every {@link #close}, also when
     *                 Kafka Streams did not stop in time and the model stays open: what would otherwise go on
     *                 running, and logging, in the JVM of whoever embedded the app (a test whose broker stopped first)
     * @throws StartupException also when the HTTP server cannot listen
     */
    public StreamAppLifecycle(
            Topology topology,
            StreamAppConfig config,
            AutoCloseable model,
            AutoCloseable watchers,
            Observability observability) {
        this(topology, config, model, watchers, Optional.of(observability));
    }

    private StreamAppLifecycle(
            Topology topology,
            StreamAppConfig config,
            AutoCloseable model,
            AutoCloseable watchers,
            Optional<Observability> observability) {
        this.config = Objects.requireNonNull(config, "config");
        this.model = Objects.requireNonNull(model, "model");
        this.watchers = Objects.requireNonNull(watchers, "watchers");
        this.streams = createStreams(
                Objects.requireNonNull(topology, "topology"),
                config,
                observability.map(Observability::metrics).orElse(DenoiserMetrics.NONE));
        streams.setStateListener(states);
        streams.setUncaughtExceptionHandler(this::onUncaughtException);
        this.brokerWatch = new BrokerWatch(adminConfig("-broker-watch"), config.bootstrapServers());
        this.http = observability.map(this::startHttp);
    }

    private HttpSurface startHttp(Observability observability) {
        try {
            return observability.start(streams, brokerWatch);
        } catch (UncheckedIOException e) {
            streams.close(Duration.ZERO);
            throw new StartupException(e.getMessage(), e);
        }
    }

    /** Where the HTTP server answers (metrics, health, live page); empty when the app is not observed. */
    public Optional<URI> httpAddress() {
        return http.map(HttpSurface::uri);
    }

    /**
     * Starts Kafka Streams and waits until it is RUNNING, or until {@link #close} is called: a stop on request
     * while starting (or before) is no failure, and {@link #awaitStop} then reports none.
     *
     * @throws StartupException when not RUNNING within the start-up timeout; Kafka Streams is closed then
     */
    public void start() {
        Duration timeout = config.timeouts().startup();
        LOG.info(
                "starting application {}: {} -> {} (dead letters to {}) at {}; waiting up to {} (startup.timeout.ms)"
                        + " for Kafka Streams to run",
                config.applicationId(),
                config.topics().input(),
                config.topics().output(),
                config.topics().deadLetter(),
                config.bootstrapServers(),
                seconds(timeout));
        brokerWatch.start();
        if (!startStreams()) {
            LOG.info("stopped on request before starting");
            return;
        }
        Optional<State> reached = awaitStarted(timeout);
        if (reached.isEmpty()) {
            String reason = whyNotRunning(timeout);
            close();
            throw new StartupException(reason);
        }
        if (reached.get() != State.RUNNING) {
            boolean onRequest = closed.get() && fatalError.get() == null;
            close();
            if (onRequest) {
                LOG.info("stopped on request while starting");
                return;
            }
            throw new StartupException("Kafka Streams stopped while starting: " + explain(fatalError.get()));
        }
    }

    /** False when {@link #close} came first: Kafka Streams refuses to start once closed. */
    private boolean startStreams() {
        if (closed.get()) {
            return false;
        }
        try {
            streams.start();
            return true;
        } catch (IllegalStateException alreadyStopped) {
            if (closed.get()) {
                return false; // closed between the check and the start
            }
            throw alreadyStopped;
        }
    }

    /**
     * Blocks until Kafka Streams has stopped.
     *
     * @return empty when it was closed, or the error that stopped it
     */
    public Optional<Throwable> awaitStop() throws InterruptedException {
        State last = states.awaitStopped();
        if (last != State.ERROR) {
            return Optional.empty();
        }
        Throwable cause = fatalError.get();
        return Optional.of(cause != null ? cause : new IllegalStateException("Kafka Streams entered ERROR"));
    }

    /** A line for the user about an error that stopped Kafka Streams, naming the fix when it is known. */
    public String explain(Throwable error) {
        if (error == null) {
            return "no cause recorded (see the log)";
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModelBrokenException broken) {
                return broken.getMessage() + "; the buffered images wait in the changelogged buffer for the next start";
            }
            if (t instanceof MissingSourceTopicException) {
                return "the input topic " + config.topics().input() + " does not exist at " + config.bootstrapServers()
                        + ": create it, and the output and dead-letter topics";
            }
        }
        Throwable root = rootCause(error);
        String message = error.getMessage() != null
                ? error.getMessage()
                : error.getClass().getSimpleName();
        return root == error
                ? message
                : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /**
     * Closes Kafka Streams, then the model, and stops the watchers in any case (the model stays open when Kafka
     * Streams did not stop in time). Only the first call does it; the others wait until it is done, so that
     * whoever returns from here (the main thread after a signal's close, a shutdown hook) finds the app closed.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            awaitClosed();
            return;
        }
        try {
            Duration timeout = config.timeouts().shutdown();
            LOG.info(
                    "stopping (at most {}); images still buffered stay in the changelogged store for the next start",
                    seconds(timeout));
            if (streams.close(timeout)) {
                closeModel();
                LOG.info("stopped");
            } else {
                LOG.warn(
                        "Kafka Streams did not stop within {}; the model stays open for threads still in a model call",
                        seconds(timeout));
            }
        } finally {
            closeWatchers();
            http.ifPresent(HttpSurface::close);
            brokerWatch.close();
            closeDone.countDown();
        }
    }

    private void awaitClosed() {
        try {
            closeDone.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static KafkaStreams createStreams(Topology topology, StreamAppConfig config, DenoiserMetrics metrics) {
        Properties properties = config.toStreamsProperties();
        properties.put(DenoiserMetrics.CONFIG, metrics); // for the error handlers Kafka Streams creates
        try {
            return new KafkaStreams(topology, properties);
        } catch (KafkaException e) {
            throw new StartupException(
                    "cannot create the Kafka clients for " + config.bootstrapServers() + ": "
                            + rootCause(e).getMessage(),
                    e);
        }
    }

    private Optional<State> awaitStarted(Duration timeout) {
        try {
            return states.awaitStarted(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StartupException("interrupted while waiting for Kafka Streams to start");
        }
    }

    private String whyNotRunning(Duration timeout) {
        String servers = config.bootstrapServers();
        Duration probe = timeout.compareTo(LONGEST_BROKER_PROBE) < 0 ? timeout : LONGEST_BROKER_PROBE;
        if (!BrokerProbe.answers(adminConfig("-startup-probe"), probe)) {
            return "no Kafka broker reachable at " + servers + " within " + seconds(timeout);
        }
        return "Kafka Streams not RUNNING within " + seconds(timeout) + " (still " + streams.state()
                + ") although the broker at " + servers + " answers: another member of group '"
                + config.applicationId() + "' may hold the partitions, or restoring the batch buffer takes long;"
                + " raise startup.timeout.ms to wait longer";
    }

    private Map<String, Object> adminConfig(String clientIdSuffix) {
        return new StreamsConfig(config.toStreamsProperties()).getAdminConfigs(config.applicationId() + clientIdSuffix);
    }

    private StreamThreadExceptionResponse onUncaughtException(Throwable exception) {
        fatalError.compareAndSet(null, exception);
        if (isBrokenModel(exception)) {
            // the reason says it all; a stack trace would only bury it
            LOG.error("stopping this instance: {}", explain(exception));
        } else {
            LOG.error(
                    "a stream thread failed; stopping this instance (uncaught-exception policy SHUTDOWN_CLIENT)",
                    exception);
        }
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private static boolean isBrokenModel(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ModelBrokenException) {
                return true;
            }
        }
        return false;
    }

    private void closeWatchers() {
        try {
            watchers.close();
        } catch (Exception e) {
            LOG.warn("cannot stop the app's watches: {}", e.getMessage(), e);
        }
    }

    private void closeModel() {
        try {
            model.close();
        } catch (Exception e) {
            LOG.warn("cannot release the model: {}", e.getMessage(), e);
        }
    }

    private static Throwable rootCause(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    /** {@code 60 s}, {@code 1.5 s}: how timeouts read in messages. */
    static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
