package io.denoiser.tools.commands;

import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.broker.RequestCounts;
import io.denoiser.tools.ClientOptions;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.CommonClientConfigs;

/** The broker of the demo and the benchmark: the user's, when they name one, else Kafka started in this process (KRaft). */
final class ToolBroker implements AutoCloseable {

    private final EmbeddedKafkaBroker inProcess;
    private final Map<String, Object> clientProperties;

    private ToolBroker(EmbeddedKafkaBroker inProcess, Map<String, Object> clientProperties) {
        this.inProcess = inProcess;
        this.clientProperties = Map.copyOf(clientProperties);
    }

    static ToolBroker startOrUse(ClientOptions client, PrintWriter out) {
        if (client.brokerGiven()) {
            Map<String, Object> properties = client.properties();
            out.printf("broker   %s (yours)%n", properties.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
            return new ToolBroker(null, properties);
        }
        long start = System.nanoTime();
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        out.printf(
                Locale.ROOT,
                "broker   in-process Kafka (KRaft) at %s, ready after %.1f s%n",
                broker.bootstrapServers(),
                (System.nanoTime() - start) / 1e9);
        out.flush();
        Map<String, Object> properties = new HashMap<>();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        return new ToolBroker(broker, properties);
    }

    boolean inProcess() {
        return inProcess != null;
    }

    /** Requests the broker has handled so far, when it runs in this process; a broker of the user's is not seen. */
    OptionalLong requestsHandled() {
        return inProcess == null ? OptionalLong.empty() : OptionalLong.of(RequestCounts.handledInThisJvm());
    }

    /** Settings for any client of this broker. */
    Map<String, Object> clientProperties() {
        return clientProperties;
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
    }
}
