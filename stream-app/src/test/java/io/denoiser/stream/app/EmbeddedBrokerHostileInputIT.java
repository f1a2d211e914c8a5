package io.denoiser.stream.app;

import io.denoiser.broker.EmbeddedKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The hostile corpus against the in-process KRaft broker: runs everywhere, no Docker needed. */
class EmbeddedBrokerHostileInputIT extends AbstractHostileInputIT {

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    protected void createTopics(int partitions, String... names) {
        broker.createTopics(partitions, names);
    }
}
