package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.denoiser.broker.EmbeddedKafkaBroker;
import io.denoiser.model.artifact.Sha256;
import io.denoiser.model.onnx.OnnxExport;
import io.denoiser.stream.config.TopicNames;
import io.denoiser.stream.fixtures.AppProcess;
import io.denoiser.stream.fixtures.NoisyMnist;
import io.denoiser.stream.fixtures.PipelineTopics;
import io.denoiser.stream.fixtures.TestArtifacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The app as its own OS process, given a model artifact it must not serve: each kind of bad artifact ends the start
 * with one line naming the reason ({@code denoiser-stream: model artifact ...}) and exit status 1, before the app
 * joins its consumer group. Images wait on the input topic meanwhile: none is consumed, the group commits no offset,
 * and nothing is published.
 *
 * <p>The checks themselves are {@code ArtifactLoader}'s (metadata, format version, checksums, restore, parameters,
 * shape) and {@code RuntimeCheck}'s (the serving runtime against the DL4J network on probe images); this test shows
 * them from outside, as an operator meets them.
 */
class BadModelStartupIT {

    private static final Duration EXIT_WITHIN = Duration.ofMinutes(2);
    private static final int WAITING_IMAGES = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedKafkaBroker broker;
    private static TopicNames topics;
    private static String run;

    /** A bad artifact: how to spoil a copy of the project's model, and what the refusal must say. */
    enum BadModel {
        MISSING_FOLDER("folder not found") {
            @Override
            Path spoil(Path copy) throws IOException {
                return copy.resolveSibling(copy.getFileName() + "-nowhere");
            }
        },
        NO_METADATA("model.json is missing") {
            @Override
            Path spoil(Path copy) throws IOException {
                Files.delete(copy.resolve("model.json"));
                return copy;
            }
        },
        METADATA_NOT_JSON("model.json is not valid metadata") {
            @Override
            Path spoil(Path copy) throws IOException {
                Files.writeString(copy.resolve("model.json"), "{\"formatVersion\": 1, ");
                return copy;
            }
        },
        NEWER_FORMAT_VERSION("format version 2 is not supported (this build reads 1)") {
            @Override
            Path spoil(Path copy) throws IOException {
                editMetadata(copy, metadata -> metadata.put("formatVersion", 2));
                return copy;
            }
        },
        CHECKSUM_MISMATCH("checksum mismatch for model.onnx") {
            @Override
            Path spoil(Path copy) throws IOException {
                byte[] onnx = Files.readAllBytes(copy.resolve("model.onnx"));
                onnx[onnx.length / 2] ^= 0x01;
                Files.write(copy.resolve("model.onnx"), onnx);
                return copy;
            }
        },
        TRUNCATED_ZIP("checksum mismatch for model.zip") {
            @Override
            Path spoil(Path copy) throws IOException {
                truncate(copy.resolve("model.zip"));
                return copy;
            }
        },
        TRUNCATED_ZIP_WITH_ITS_CHECKSUM("model.zip is not a readable DL4J network") {
            @Override
            Path spoil(Path copy) throws IOException {
                truncate(copy.resolve("model.zip"));
                rechecksum(copy);
                return copy;
            }
        },
        MISSING_ONNX("model.onnx is missing") {
            @Override
            Path spoil(Path copy) throws IOException {
                Files.delete(copy.resolve("model.onnx"));
                return copy;
            }
        },
        WRONG_SHAPE("to shape [1, 1, 32, 32], not to an image of the same size") {
            @Override
            Path spoil(Path copy) throws IOException {
                editMetadata(
                        copy,
                        metadata -> ((ObjectNode) metadata.get("input"))
                                .put("height", 30)
                                .put("width", 30));
                return copy;
            }
        },
        THREE_CHANNELS("is not supported: expected 1 channel") {
            @Override
            Path spoil(Path copy) throws IOException {
                editMetadata(copy, metadata -> ((ObjectNode) metadata.get("input")).put("channels", 3));
                return copy;
            }
        },
        WRONG_PARAMETER_COUNT("the network has 28353 parameters, model.json declares 28354") {
            @Override
            Path spoil(Path copy) throws IOException {
                editMetadata(copy, metadata -> metadata.put("parameters", 28_354));
                return copy;
            }
        },
        ONNX_OF_ANOTHER_NETWORK("differs from the DL4J network by up to") {
            @Override
            Path spoil(Path copy) throws IOException {
                Files.write(
                        copy.resolve("model.onnx"),
                        OnnxExport.toOnnx(TestArtifacts.otherNetwork(), "conv-autoencoder-32x2@other"));
                rechecksum(copy);
                return copy;
            }
        },
        ONNX_NOT_ONNX("model.onnx is not an ONNX graph ONNX Runtime can read") {
            @Override
            Path spoil(Path copy) throws IOException {
                Files.writeString(copy.resolve("model.onnx"), "this is not an ONNX graph");
                rechecksum(copy);
                return copy;
            }
        };

        final String reason;

        BadModel(String reason) {
            this.reason = reason;
        }

        /** Spoils {@code copy} (a copy of the project's model) and returns the folder to give the app. */
        abstract Path spoil(Path copy) throws IOException;
    }

    @BeforeAll
    static void startBrokerWithWaitingImages() throws InterruptedException {
        broker = EmbeddedKafkaBroker.start();
        run = PipelineTopics.newRun();
        topics = PipelineTopics.unique(run);
        broker.createTopics(2, topics.input(), topics.output(), topics.deadLetter());
        try (ImageFeed feed = ImageFeed.open(
                broker.bootstrapServers(), topics.input(), NoisyMnist.withReferences(WAITING_IMAGES, 5), 0)) {
            feed.start().awaitAllAcknowledged(Duration.ofSeconds(60));
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @ParameterizedTest
    @EnumSource(BadModel.class)
    void shouldExitAtStartWithOneLineNamingTheReasonBeforeConsumingAnything(BadModel kind) throws IOException {
        // given: images wait on the input topic, and the model is bad in one way
        Path dir = RunFolder.of("bad-model-" + kind.name().toLowerCase(Locale.ROOT), run);
        Path model = kind.spoil(copyOfTheProjectModel(dir.resolve("model")));
        String applicationId = "denoiser-bad-model-" + kind.name().toLowerCase(Locale.ROOT) + "-" + run;
        Map<String, String> settings =
                AppSettings.of(broker.bootstrapServers(), applicationId, topics, dir.resolve("state"));
        settings.put("model.dir", model.toString());

        // when
        try (AppProcess app = AppProcess.start("app", settings, dir)) {
            int status = app.awaitExit(EXIT_WITHIN);

            // then: exit status 1, the reason as the last line, no stack trace, and nothing consumed
            String log = app.tail(200);
            List<String> refusals = app.matching(line -> line.startsWith("denoiser-stream: model artifact")).stream()
                    .map(AppProcess.LogLine::text)
                    .toList();
            System.out.printf("bad model %-32s exit %d: %s%n", kind, status, refusals);
            assertThat(status).as(log).isEqualTo(1);
            assertThat(refusals).as(log).hasSize(1);
            assertThat(refusals.get(0)).contains(kind.reason);
            assertThat(app.tail(1)).isEqualTo(refusals.get(0));
            assertThat(log).doesNotContain("\tat ").doesNotContain("-> RUNNING");
            assertThat(committedOffsets(applicationId))
                    .as("offsets committed by the group")
                    .isEmpty();
            try (OutputTally outputs =
                    OutputTally.open(broker.bootstrapServers(), topics, IsolationLevel.READ_UNCOMMITTED)) {
                outputs.drain(Duration.ofMillis(500));
                assertThat(outputs.reconstructions()).as("reconstructions").isZero();
                assertThat(outputs.deadLetterKeys()).as("dead letters").isEmpty();
            }
        }
    }

    private static Path copyOfTheProjectModel(Path target) throws IOException {
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(AppSettings.modelDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
        return target;
    }

    private interface MetadataEdit {
        void apply(ObjectNode metadata);
    }

    private static void editMetadata(Path folder, MetadataEdit edit) throws IOException {
        Path file = folder.resolve("model.json");
        ObjectNode metadata = (ObjectNode) JSON.readTree(file.toFile());
        edit.apply(metadata);
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), metadata);
    }

    /** Writes the current checksums of model.zip and model.onnx into model.json, as if the artifact were so made. */
    private static void rechecksum(Path folder) throws IOException {
        String zip = Sha256.ofFile(folder.resolve("model.zip"));
        String onnx = Sha256.ofFile(folder.resolve("model.onnx"));
        editMetadata(
                folder,
                metadata -> ((ObjectNode) metadata.get("files"))
                        .put("modelZipSha256", zip)
                        .put("modelOnnxSha256", onnx));
    }

    private static void truncate(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }

    private static Map<TopicPartition, OffsetAndMetadata> committedOffsets(String applicationId) {
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            return admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + applicationId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
