package io.denoiser.broker;

import com.yammer.metrics.core.Metered;
import com.yammer.metrics.core.Metric;
import com.yammer.metrics.core.MetricName;
import java.util.Map;
import java.util.Set;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.apache.kafka.server.metrics.KafkaYammerMetrics;

/**
 * How many requests the Kafka brokers running in this JVM have handled, from Kafka's own
 * {@code kafka.network:type=RequestMetrics,name=RequestsPerSec} meters. A broker's CPU goes with its requests more
 * than with its records (docs/BENCHMARKS.md, "Seventh sitting"), so a benchmark counts them phase by phase.
 */
public final class RequestCounts {

    /** A fetch is marked twice, as {@code Fetch} and as one of these: counted once. */
    private static final Set<String> FETCH_DOUBLES = Set.of("FetchConsumer", "FetchFollower");

    private RequestCounts() {}

    /**
     * Requests of every type handled so far by the brokers of this JVM, the controllers' too (a broker's heartbeats
     * to its controller); 0 before a broker has handled any. The meters are the JVM's, not one broker's, and a broker
     * that closes takes them away by name, also from the brokers that go on: meaningful with one broker in the JVM,
     * as in {@code bench}.
     */
    public static long handledInThisJvm() {
        long total = 0;
        for (Map.Entry<MetricName, Metric> meter :
                KafkaYammerMetrics.defaultRegistry().allMetrics().entrySet()) {
            if (isRequestRate(meter.getKey()) && meter.getValue() instanceof Metered metered) {
                total += metered.count();
            }
        }
        return total;
    }

    static boolean isRequestRate(MetricName name) {
        if (!"kafka.network".equals(name.getGroup())
                || !"RequestMetrics".equals(name.getType())
                || !"RequestsPerSec".equals(name.getName())) {
            return false;
        }
        try {
            String request = new ObjectName(name.getMBeanName()).getKeyProperty("request");
            return request != null && !FETCH_DOUBLES.contains(request);
        } catch (MalformedObjectNameException e) {
            return false;
        }
    }
}
