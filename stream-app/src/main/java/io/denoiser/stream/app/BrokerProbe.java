package io.denoiser.stream.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaException;

/**
 * Asks whether any broker answers, to tell "no broker reachable" from other reasons of a slow start. Uses the
 * app's own client settings (security included), so "reachable" means reachable for the app.
 */
final class BrokerProbe {

    private BrokerProbe() {}

    /** Whether a broker describes the cluster within {@code timeout}; a refusal of any kind counts as no. */
    static boolean answers(Map<String, Object> adminConfig, Duration timeout) {
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        Admin admin;
        try {
            admin = Admin.create(config);
        } catch (KafkaException e) {
            return false;
        }
        try {
            return !admin.describeCluster()
                    .nodes()
                    .get(timeoutMs, TimeUnit.MILLISECONDS)
                    .isEmpty();
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            admin.close(Duration.ZERO);
        }
    }
}
