package com.example.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.denoiser.model.image.GrayImage;
import io.denoiser.testkit.DenoiserExtension;
import io.denoiser.testkit.MnistDigits;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pipeline between the real denoiser and a real broker, both started by the denoiser's test kit. */
class QualityGateTest {

    @RegisterExtension
    static DenoiserExtension denoiser = DenoiserExtension.embedded();

    @Test
    void shouldFlagTheImageTheDenoiserCouldNotRestoreAndNoDigit() throws Exception {
        // given: the user's pipeline on the denoiser's output
        String flagged = denoiser.topics().output() + ".flagged";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", denoiser.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(flagged, 1, (short) 1)))
                    .all()
                    .get();
        }
        try (KafkaStreams pipeline =
                new KafkaStreams(QualityGate.build(denoiser.topics().output(), flagged, 12.0), pipelineConfig())) {
            pipeline.start();

            // when: digits, which the model restores, and a pattern it cannot (1-pixel checkerboard)
            List<GrayImage> digits = MnistDigits.first(5);
            denoiser.publishAll(digits);
            denoiser.publish("checkerboard", checkerboard(28, 28));
            denoiser.awaitReconstructions(digits.size() + 1);

            // then
            assertThat(denoiser.awaitReconstruction("checkerboard").psnr()).isLessThan(12.0);
            assertThat(readFlagged(flagged, 1)).singleElement().asString().startsWith("checkerboard: PSNR");
        }
    }

    private static Properties pipelineConfig() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "quality-gate-" + System.nanoTime());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, denoiser.bootstrapServers());
        config.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("quality-gate").toString());
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return config;
    }

    private static List<String> readFlagged(String topic, int atLeast) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        "bootstrap.servers",
                        denoiser.bootstrapServers(),
                        "group.id",
                        "reader-" + System.nanoTime(),
                        "auto.offset.reset",
                        "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return values.size() >= atLeast;
            });
            // anything flagged after the first arrives late: give it a moment to show
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> values.add(record.value()));
        }
        return values;
    }

    private static GrayImage checkerboard(int width, int height) {
        float[] pixels = new float[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (x + y) % 2;
            }
        }
        return new GrayImage(width, height, pixels);
    }
}
