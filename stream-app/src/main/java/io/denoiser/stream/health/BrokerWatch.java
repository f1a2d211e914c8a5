package io.denoiser.stream.health;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log when Kafka cannot be reached and when it is back, one line each, at start-up and while running.
 * Kafka's clients only log each failed connection (WARN {@code Connection to node -1 ... could not be established},
 * over and over, and nothing when it works again), and Kafka Streams' state stays RUNNING through an outage; an
 * operator wants "since when" and "back after how long". So a thread of its own asks the cluster for its
 * description every {@link #INTERVAL} with the app's own client settings, and logs only the changes:
 *
 * <pre>
 * WARN BrokerWatch - Kafka unreachable at 127.0.0.1:9092: no broker answered within 4 s; the app waits for it ...
 * INFO BrokerWatch - Kafka reachable again at 127.0.0.1:9092 after 31 s
 * </pre>
 *
 * What the app does meanwhile is Kafka's: consumers, producers and commits retry; past {@code task.timeout.ms} a
 * task that still cannot make progress is reprocessed from its last commit (docs/RELIABILITY.md, broker outage).
 * Nothing is dropped. Readiness asks {@link #answering} for the same reason. Thread-safe; {@link #close} is
 * idempotent.
 */
public final class BrokerWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);
    /** How often the cluster is asked, hence how late a change can be logged (plus {@link #ANSWER_WITHIN}). */
    static final Duration INTERVAL = Duration.ofSeconds(5);
    /** How long a description may take before Kafka counts as unreachable. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(4);

    private final Map<String, Object> adminConfig;
    private final String servers;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread watch = new Thread(runnable, "denoiser-broker-watch");
        watch.setDaemon(true);
        return watch;
    });
    private Admin admin; // confined to the watch thread
    private Boolean reachable; // confined to the watch thread; null until the first answer or silence
    private volatile boolean answering;
    private long unreachableSinceNanos; // confined to the watch thread

    /** @param adminConfig the app's admin client settings (security included), so reachable means so for the app */
    public BrokerWatch(Map<String, Object> adminConfig, String servers) {
        this.adminConfig = new HashMap<>(adminConfig);
        int timeoutMs = (int) ANSWER_WITHIN.toMillis();
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        this.servers = servers;
    }

    /** Starts watching; the first line comes only if Kafka does not answer. */
    public void start() {
        var unusedTask = thread.scheduleWithFixedDelay(this::check, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        boolean answers = answers();
        long now = System.nanoTime();
        if (Boolean.FALSE.equals(reachable) && answers) {
            LOG.info(
                    "Kafka reachable again at {} after {} s", servers, Math.round((now - unreachableSinceNanos) / 1e9));
        } else if (!Boolean.FALSE.equals(reachable) && !answers) {
            unreachableSinceNanos = now;
            LOG.warn(
                    "Kafka unreachable at {}: no broker answered within {} s; the app waits for it (images wait on"
                            + " the input topic and in the batch buffer, nothing is dropped)",
                    servers,
                    ANSWER_WITHIN.toSeconds());
        }
        reachable = answers;
        answering = answers;
    }

    /** Whether a broker answered the last question; false before the first answer. */
    public boolean answering() {
        return answering;
    }

    private boolean answers() {
        try {
            if (admin == null) {
                admin = Admin.create(adminConfig);
            }
            return !admin.describeCluster()
                    .nodes()
                    .get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(ANSWER_WITHIN.toMillis() + 1_000, TimeUnit.MILLISECONDS)) {
                LOG.debug("the broker watch did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
