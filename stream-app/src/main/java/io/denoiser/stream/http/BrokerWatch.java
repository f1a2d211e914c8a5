package io.denoiser.stream.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Whether a broker answers the app, asked every few seconds on a thread of its own with the app's own client
 * settings (security included): for readiness, since Kafka Streams stays RUNNING through a broker outage while its
 * clients retry, and its state alone cannot tell that nothing is read or written. One admin client, kept open;
 * closing stops it. Thread-safe.
 */
final class BrokerWatch implements AutoCloseable {

    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final int ANSWER_WITHIN_MS = 3_000;

    private final Admin admin;
    private final ScheduledExecutorService checks;
    private volatile boolean answering;

    private BrokerWatch(Admin admin) {
        this.admin = admin;
        this.checks = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "denoiser-broker-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts asking at once, then every {@link #PERIOD}. */
    static BrokerWatch start(Map<String, Object> adminConfig) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ANSWER_WITHIN_MS);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ANSWER_WITHIN_MS);
        BrokerWatch watch = new BrokerWatch(Admin.create(config));
        // cancelled by shutting the executor down; check never throws
        ScheduledFuture<?> unusedChecking =
                watch.checks.scheduleWithFixedDelay(watch::check, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Whether a broker answered the last question; false before the first answer. */
    boolean answering() {
        return answering;
    }

    private void check() {
        try {
            answering = !admin.describeCluster()
                    .nodes()
                    .get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            answering = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        checks.shutdownNow();
        admin.close(Duration.ZERO);
    }
}
