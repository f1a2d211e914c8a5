package io.denoiser.broker;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Builds the configuration of a single-node KRaft cluster: one process that is both broker and
 * controller, listening on loopback only.
 */
final class BrokerProperties {

    static final int NODE_ID = 1;
    static final String CLIENT_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String HOST = "127.0.0.1";

    /** Set here only: the storage format and the readiness check depend on them. */
    static final Set<String> MANAGED = Set.of(
            "process.roles",
            "node.id",
            "broker.id",
            "controller.quorum.voters",
            "controller.quorum.bootstrap.servers",
            "listeners",
            "advertised.listeners",
            "listener.security.protocol.map",
            "controller.listener.names",
            "inter.broker.listener.name",
            "log.dirs",
            "log.dir",
            "metadata.log.dir");

    private BrokerProperties() {}

    /**
     * @param overrides applied last, so callers can change any default set here
     */
    static Properties singleNode(
            Path logDir, int clientPort, int controllerPort, int defaultPartitions, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        // Static voters: the simplest quorum for one node. The voter set is not written to the
        // storage, so a restart over the same directory may use new ports.
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put(
                "listeners",
                CLIENT_LISTENER + "://" + HOST + ":" + clientPort + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        props.put("advertised.listeners", CLIENT_LISTENER + "://" + HOST + ":" + clientPort);
        props.put(
                "listener.security.protocol.map", CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("inter.broker.listener.name", CLIENT_LISTENER);
        props.put("log.dirs", logDir.toAbsolutePath().toString());

        props.put("num.partitions", String.valueOf(defaultPartitions));
        props.put("default.replication.factor", "1");
        props.put("min.insync.replicas", "1");
        // Internal topics default to replication factor 3 and 50 partitions: impossible on one
        // broker, and slow to create on a small machine.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("share.coordinator.state.topic.num.partitions", "1");
        // No waiting for more group members: there is usually one application instance.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.streams.initial.rebalance.delay.ms", "0");
        // Each log cleaner thread (compacted changelogs need one) allocates this buffer on the
        // heap at startup: the 128 MB default is a lot for an in-process broker.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16L * 1024 * 1024));

        props.putAll(overrides);
        return props;
    }
}
