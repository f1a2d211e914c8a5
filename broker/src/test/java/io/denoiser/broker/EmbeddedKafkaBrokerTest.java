package io.denoiser.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int DEFAULT_PARTITIONS = 2;

    /** Shared by the tests that only need some broker: a start costs seconds on a small machine. */
    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startSharedBroker() {
        broker = EmbeddedKafkaBroker.builder()
                .defaultPartitions(DEFAULT_PARTITIONS)
                .start();
    }

    @AfterAll
    static void stopSharedBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void shouldStartAndAcceptProduceAndConsume() throws Exception {
        String topic = uniqueName("produce-consume");
        broker.createTopics(1, topic);
        List<String> sent = IntStream.range(0, 200).mapToObj(i -> "image-" + i).toList();

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
            List<Future<RecordMetadata>> acks = sent.stream()
                    .map(value -> producer.send(new ProducerRecord<>(topic, value)))
                    .toList();
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }

        assertThat(consumeValues(broker, topic, "read_uncommitted", sent.size()))
                .containsExactlyElementsOf(sent);
    }

    @Test
    void shouldCountEveryProduceRequestAmongTheRequestsItHandled() throws Exception {
        String topic = uniqueName("counted");
        // a broker of its own: closing a broker removes the request meters of every broker in the JVM (Kafka
        // removes them by name), so the shared broker's may be gone after another test closed one
        try (EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start();
                KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(own))) {
            own.createTopics(1, topic);
            producer.send(new ProducerRecord<>(topic, "warm")).get(); // metadata and connection set up before
            long before = RequestCounts.handledInThisJvm();

            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, "image-" + i)).get(); // one produce request each
            }

            long handled = RequestCounts.handledInThisJvm() - before;
            // the five produces, and whatever heartbeats the broker sent its own controller meanwhile (one every 2 s)
            assertThat(handled).isBetween(5L, 15L);
        }
    }

    @Test
    void shouldCreateTopicsWithRequestedPartitions() throws Exception {
        String images = uniqueName("images");
        String denoised = uniqueName("denoised");

        broker.createTopics(3, images, denoised);

        try (Admin admin = admin(broker)) {
            Map<String, TopicDescription> topics = admin.describeTopics(List.of(images, denoised))
                    .allTopicNames()
                    .get();
            assertThat(topics.get(images).partitions()).hasSize(3);
            assertThat(topics.get(denoised).partitions()).hasSize(3);
        }
    }

    @Test
    void shouldAutoCreateTopicsWithTheDefaultPartitions() throws Exception {
        String topic = uniqueName("auto-created");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
            producer.send(new ProducerRecord<>(topic, "first")).get();
        }

        try (Admin admin = admin(broker)) {
            TopicDescription description =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            assertThat(description.partitions()).hasSize(DEFAULT_PARTITIONS);
        }
    }

    @Test
    void shouldRejectATopicThatExists() {
        String topic = uniqueName("twice");
        broker.createTopics(1, topic);

        assertThatThrownBy(() -> broker.createTopics(1, topic))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic);
    }

    @Test
    void shouldSupportTransactions() throws Exception {
        String topic = uniqueName("transactional");
        broker.createTopics(1, topic);
        Map<String, Object> config = producerConfig(broker);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, uniqueName("tx"));

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            producer.initTransactions();
            producer.beginTransaction();
            acks.add(producer.send(new ProducerRecord<>(topic, "committed-1")));
            acks.add(producer.send(new ProducerRecord<>(topic, "committed-2")));
            producer.commitTransaction();
            producer.beginTransaction();
            acks.add(producer.send(new ProducerRecord<>(topic, "aborted")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            acks.add(producer.send(new ProducerRecord<>(topic, "committed-3")));
            producer.commitTransaction();
            // every record reached the log, the aborted one too (flushed before the abort)
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        }

        assertThat(consumeValues(broker, topic, "read_committed", 3))
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void shouldReleaseItsDirectoryOnClose() {
        EmbeddedKafkaBroker own = EmbeddedKafkaBroker.start();
        Path logDir = own.logDir();
        assertThat(logDir).isDirectory();

        own.close();

        assertThat(logDir).doesNotExist();
        own.close(); // idempotent
        assertThatThrownBy(() -> own.createTopics(1, uniqueName("closed"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRunTwoBrokersAtOnce() throws Exception {
        String topic = uniqueName("second-broker");
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start()) {
            assertThat(second.bootstrapServers()).isNotEqualTo(broker.bootstrapServers());
            assertThat(second.logDir()).isNotEqualTo(broker.logDir());

            second.createTopics(1, topic);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(second))) {
                producer.send(new ProducerRecord<>(topic, "on-second")).get();
            }

            assertThat(consumeValues(second, topic, "read_uncommitted", 1)).containsExactly("on-second");
            try (Admin admin = admin(broker)) {
                assertThat(admin.listTopics().names().get()).doesNotContain(topic);
            }
        }
    }

    @Test
    void shouldKeepACallerDirectoryAndItsDataAcrossRestarts(@TempDir Path tempDir) throws Exception {
        Path logDir = tempDir.resolve("kafka");
        String topic = uniqueName("durable");
        try (EmbeddedKafkaBroker first =
                EmbeddedKafkaBroker.builder().logDir(logDir).start()) {
            first.createTopics(1, topic);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first))) {
                producer.send(new ProducerRecord<>(topic, "kept")).get();
            }
        }
        assertThat(logDir).isDirectory();

        try (EmbeddedKafkaBroker restarted =
                EmbeddedKafkaBroker.builder().logDir(logDir).start()) {
            assertThat(consumeValues(restarted, topic, "read_uncommitted", 1)).containsExactly("kept");
        }
        assertThat(logDir).isDirectory();
    }

    @Test
    void shouldStartAgainOnTheSamePortSoThatAClientOfTheFirstFindsTheSecond(@TempDir Path tempDir) throws Exception {
        // given: a producer connected to a broker that then stops, as in an outage
        Path logDir = tempDir.resolve("kafka");
        String topic = uniqueName("outage");
        EmbeddedKafkaBroker first = EmbeddedKafkaBroker.builder().logDir(logDir).start();
        int port = Integer.parseInt(
                first.bootstrapServers().substring(first.bootstrapServers().lastIndexOf(':') + 1));
        first.createTopics(1, topic);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first))) {
            producer.send(new ProducerRecord<>(topic, "before")).get();
            first.close();

            // when: a broker starts again on the same port and directory
            try (EmbeddedKafkaBroker second =
                    EmbeddedKafkaBroker.builder().port(port).logDir(logDir).start()) {

                // then: the same address, the old records, and the old client writes again
                assertThat(second.bootstrapServers()).isEqualTo(first.bootstrapServers());
                producer.send(new ProducerRecord<>(topic, "after")).get(60, TimeUnit.SECONDS);
                assertThat(consumeValues(second, topic, "read_uncommitted", 2)).containsExactly("before", "after");
            }
        }
    }

    @Test
    void shouldRefuseAPortOutOfRange() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().port(65_536))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFailClearlyWhenNotReadyInTime() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder()
                        .startupTimeout(Duration.ofMillis(1))
                        .start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not ready within 1 ms");

        // The abandoned broker is stopped in the background once its startup has finished.
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
                        .noneMatch(thread -> thread.getName().equals("embedded-kafka-startup")));
    }

    @Test
    void shouldRefuseToOverrideManagedProperties() {
        assertThatThrownBy(() -> EmbeddedKafkaBroker.builder().brokerProperty("listeners", "PLAINTEXT://:9092"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("listeners");
    }

    private static List<String> consumeValues(EmbeddedKafkaBroker kafka, String topic, String isolation, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                uniqueName("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation);
        List<String> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> received.add(record.value()));
                assertThat(received).hasSizeGreaterThanOrEqualTo(expected);
            });
        }
        return received;
    }

    private static Map<String, Object> producerConfig(EmbeddedKafkaBroker kafka) {
        return new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static Admin admin(EmbeddedKafkaBroker kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
