package io.denoiser.broker;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Formats a KRaft log directory, as {@code kafka-storage format} does: a KRaft node refuses to
 * start on an unformatted directory.
 */
final class KraftStorage {

    private KraftStorage() {}

    /** True if the directory already holds a node identity (a {@code meta.properties}). */
    static boolean isFormatted(Path logDir) {
        return Files.exists(logDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME));
    }

    /**
     * Formats {@code logDir} as both data and metadata directory of a new single-node cluster
     * with a random cluster id, at the latest production metadata version.
     */
    static void format(Path logDir, int nodeId, String controllerListenerName) {
        String directory = logDir.toAbsolutePath().toString();
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(nodeId)
                .setControllerListenerName(controllerListenerName)
                .addDirectory(directory)
                .setMetadataLogDirectory(directory);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka log directory " + logDir, e);
        }
    }
}
