package io.denoiser.tools;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/**
 * Where the tools' Kafka clients connect: bootstrap servers, and a client properties file for
 * everything else a real cluster asks for (SASL, SSL, client id...). A picocli mixin.
 */
public final class ClientOptions {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Option(
            names = "--bootstrap-servers",
            paramLabel = "<host:port,...>",
            description =
                    "Kafka brokers. Default: bootstrap.servers of --client-config, else " + DEFAULT_BOOTSTRAP_SERVERS)
    String bootstrapServers;

    @Option(
            names = "--client-config",
            paramLabel = "<file.properties>",
            description = "Kafka client properties for a real cluster (security.protocol, sasl.*, ssl.*, ...).")
    Path clientConfig;

    /** The client settings: the file's, with the bootstrap servers of the command line (or the default). */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        if (clientConfig != null) {
            read(clientConfig).forEach((key, value) -> properties.put(key.toString(), value));
        }
        if (bootstrapServers != null) {
            properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        properties.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        return properties;
    }

    /** Whether the user named a broker (on the command line or in the file), rather than taking the default. */
    public boolean brokerGiven() {
        return bootstrapServers != null
                || (clientConfig != null
                        && read(clientConfig).containsKey(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return properties;
        } catch (NoSuchFileException e) {
            throw new ToolException("client config " + file + " does not exist");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read client config " + file, e);
        }
    }
}
