package io.denoiser.broker;

import io.denoiser.broker.BoundedStartup.PortTakenException;
import io.denoiser.broker.BoundedStartup.StartupAbandonedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;

/**
 * A real Kafka broker running inside this JVM: one KRaft node that is both broker and controller,
 * listening on free loopback ports. For demos and tests: one replica, no security.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start()) {
 *     kafka.createTopics(3, "images", "denoised");
 *     Map<String, Object> config = Map.of("bootstrap.servers", kafka.bootstrapServers());
 *     ...
 * }
 * }</pre>
 *
 * <p>Transactions (hence Kafka Streams {@code exactly_once_v2}) work: the internal topics are
 * configured for a single broker.
 *
 * <p><b>Directories.</b> Without {@link Builder#logDir(Path)} the broker keeps its data in a new
 * temporary directory that it owns and deletes on {@link #close()}. A directory given by the
 * caller stays the caller's: it is formatted if it is new, reused as it is if it was formatted
 * before (topics and records survive a restart), and never deleted.
 *
 * <p><b>Threads.</b> All methods may be called from any thread. {@link #close()} is idempotent.
 * Several brokers may run in one JVM, each being its own single-node cluster.
 *
 * <p><b>Process.</b> The broker shares the JVM: Kafka halts the whole process on some fatal
 * errors, e.g. when its only log directory disappears. Never delete the log directory of a
 * running broker; close the broker (e.g. from a shutdown hook) so its temporary directory goes.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;
    private final boolean ownsLogDir;
    private boolean closed; // guarded by this

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir, boolean ownsLogDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
        this.ownsLogDir = ownsLogDir;
    }

    /**
     * Starts a broker with default options: a temporary log directory, one partition per
     * auto-created topic, at most 30 s to become ready.
     *
     * @throws IllegalStateException if the broker is not ready in time or fails to start
     */
    public static EmbeddedKafkaBroker start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The {@code bootstrap.servers} value for clients, e.g. {@code 127.0.0.1:40123}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The directory holding the topic data and the cluster metadata. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Creates topics with replication factor 1 and returns once every partition has a leader, so
     * that producers, consumers and Kafka Streams find them right away.
     *
     * @throws IllegalStateException if a topic exists already, is not created within 30 s, or
     *     this broker is closed
     */
    public void createTopics(int partitions, String... names) {
        requireOpen();
        TopicAdmin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                partitions,
                ADMIN_TIMEOUT,
                Arrays.asList(names));
    }

    /**
     * Shuts the broker down, waits until it has stopped, then deletes the log directory if this
     * broker created it. Calling it again does nothing.
     *
     * @throws UncheckedIOException if the owned log directory cannot be deleted
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (ownsLogDir) {
                delete(logDir);
            }
        }
    }

    private synchronized void requireOpen() {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
    }

    @Override
    public String toString() {
        return "EmbeddedKafkaBroker[" + bootstrapServers + ", " + logDir + "]";
    }

    private static EmbeddedKafkaBroker start(Builder options) {
        ServerLogLevels.quietByDefault();
        boolean ownsLogDir = options.logDir == null;
        Path logDir = ownsLogDir ? createTempDir() : createDirectories(options.logDir);
        Instant deadline = Instant.now().plus(options.startupTimeout);
        Runnable releaseLogDir = ownsLogDir ? () -> deleteQuietly(logDir) : () -> {};
        try {
            try {
                return startOnFreePorts(options, logDir, ownsLogDir, deadline, releaseLogDir);
            } catch (PortTakenException e) {
                if (options.port > 0) {
                    throw e; // the caller's port: picking again would not help
                }
                // Another process took a port between FreePorts.pick and the bind: pick again.
                return startOnFreePorts(options, logDir, ownsLogDir, deadline, releaseLogDir);
            }
        } catch (StartupAbandonedException e) {
            // the still-starting server owns the directory until it has stopped
            throw new IllegalStateException(
                    "Kafka broker not ready within " + options.startupTimeout.toMillis() + " ms: " + e.getMessage(),
                    e.getCause());
        } catch (RuntimeException | Error e) {
            releaseLogDir.run();
            if (e instanceof PortTakenException) {
                throw new IllegalStateException("Kafka broker cannot bind its ports: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    private static EmbeddedKafkaBroker startOnFreePorts(
            Builder options, Path logDir, boolean ownsLogDir, Instant deadline, Runnable releaseLogDir) {
        List<Integer> ports = FreePorts.pick(2);
        int clientPort = options.port > 0 ? options.port : ports.get(0);
        int controllerPort = ports.get(0) == clientPort ? ports.get(1) : ports.get(0);
        Properties props = BrokerProperties.singleNode(
                logDir, clientPort, controllerPort, options.defaultPartitions, options.brokerProperties);
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        if (!KraftStorage.isFormatted(logDir)) {
            KraftStorage.format(logDir, BrokerProperties.NODE_ID, BrokerProperties.CONTROLLER_LISTENER);
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        BoundedStartup.start(server, deadline, releaseLogDir);
        String bootstrapServers = BrokerProperties.HOST + ":" + clientPort;
        try {
            awaitBrokerVisible(bootstrapServers, deadline);
        } catch (RuntimeException | Error e) {
            BoundedStartup.stopQuietly(server);
            throw e;
        }
        return new EmbeddedKafkaBroker(server, bootstrapServers, logDir, ownsLogDir);
    }

    /** Readiness as a client sees it: the broker answers a cluster description. */
    private static void awaitBrokerVisible(String bootstrapServers, Instant deadline) {
        Duration remaining = Duration.ofMillis(TopicAdmin.millisUntil(deadline));
        try (Admin admin =
                TopicAdmin.newAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers), remaining)) {
            if (admin.describeCluster()
                    .nodes()
                    .get(remaining.toMillis(), TimeUnit.MILLISECONDS)
                    .isEmpty()) {
                throw new IllegalStateException("Kafka broker not ready: no node in the cluster description");
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka broker not ready: no answer at " + bootstrapServers, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary Kafka log directory", e);
        }
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka log directory " + dir, e);
        }
    }

    private static void delete(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete Kafka log directory " + dir, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            delete(dir);
        } catch (UncheckedIOException ignored) {
            // a leftover temporary directory is not worth hiding the original failure
        }
    }

    /**
     * Options of {@link EmbeddedKafkaBroker}. Not thread-safe; {@link #start()} may be called
     * more than once, each call starting an independent broker.
     */
    public static final class Builder {

        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private int defaultPartitions = 1;
        private Path logDir;
        private int port;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder() {}

        /** Partitions of topics created automatically on first use ({@code num.partitions}). */
        public Builder defaultPartitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
            }
            this.defaultPartitions = partitions;
            return this;
        }

        /**
         * Sets a broker configuration property, overriding this class's default. Listeners, node
         * id, roles, quorum and log directories are managed here and cannot be set.
         */
        public Builder brokerProperty(String name, String value) {
            Objects.requireNonNull(value, "value");
            if (BrokerProperties.MANAGED.contains(Objects.requireNonNull(name, "name"))) {
                throw new IllegalArgumentException(name + " is managed by EmbeddedKafkaBroker");
            }
            brokerProperties.put(name, value);
            return this;
        }

        /** Uses {@code dir} (created if missing) instead of a temporary directory; see the class doc. */
        public Builder logDir(Path dir) {
            this.logDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * Listens for clients on this loopback port instead of a free one (the controller's port stays a free one).
         * With {@link #logDir(Path)}, a test can close a broker and start it again where its clients find it: the
         * same {@code bootstrap.servers}, topics, records and committed offsets, as after a broker outage.
         *
         * @throws IllegalArgumentException if {@code port} is not in 1..65535
         */
        public Builder port(int port) {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("port must be in 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * How long {@link #start()} may take before failing; 30 s by default. A broker still
         * starting at that point is stopped, and its temporary directory deleted, in the
         * background once its startup has finished; a caller's directory is in use until then.
         */
        public Builder startupTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, was " + timeout);
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Starts the broker and returns once it answers clients.
         *
         * @throws IllegalStateException if the broker is not ready in time or fails to start
         */
        public EmbeddedKafkaBroker start() {
            return EmbeddedKafkaBroker.start(this);
        }
    }
}
