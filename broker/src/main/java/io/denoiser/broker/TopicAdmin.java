package io.denoiser.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;

/** Creates topics on any cluster and waits until clients can use them. */
public final class TopicAdmin {

    private static final long METADATA_POLL_MS = 20;

    private TopicAdmin() {}

    /**
     * Creates topics with replication factor 1 and
     * returns once every partition has a leader, so producers, consumers and Kafka Streams find them
     * right away.
     *
     * @param clientProperties admin client settings: bootstrap servers, and security settings if any
     * @throws IllegalStateException if a topic exists already or is not created in time
     */
    public static void create(
            Map<String, Object> clientProperties, int partitions, Duration timeout, List<String> topics) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("no topic name given");
        }
        List<NewTopic> newTopics = topics.stream()
                .map(name -> new NewTopic(Objects.requireNonNull(name, "topic name"), partitions, (short) 1))
                .toList();
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = newAdmin(clientProperties, timeout)) {
            admin.createTopics(newTopics).all().get(millisUntil(deadline), TimeUnit.MILLISECONDS);
            awaitLeaders(admin, topics, deadline);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "Cannot create topics " + topics + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Topics " + topics + " not created within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + topics, e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> topics, Instant deadline)
            throws InterruptedException, TimeoutException {
        // The controller acknowledges a creation before the broker has loaded it.
        while (true) {
            try {
                Map<String, TopicDescription> descriptions =
                        admin.describeTopics(topics).allTopicNames().get(millisUntil(deadline), TimeUnit.MILLISECONDS);
                boolean allLed = descriptions.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null
                                && !partition.leader().isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RetriableException)) {
                    throw new IllegalStateException("Cannot describe topics " + topics, e.getCause());
                }
            }
            if (millisUntil(deadline) <= METADATA_POLL_MS) {
                throw new TimeoutException("Partitions of " + topics + " have no leader");
            }
            Thread.sleep(METADATA_POLL_MS);
        }
    }

    static long millisUntil(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    static Admin newAdmin(Map<String, Object> clientProperties, Duration timeout) {
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> properties = new HashMap<>(clientProperties);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 10_000));
        return Admin.create(properties);
    }
}
