package io.denoiser.stream.models;

import io.denoiser.model.artifact.ModelArtifact;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The models control topic, {@code <application.id>.models}: one partition, compacted, read whole by every instance.
 * Two kinds of record, keyed so that compaction keeps what is needed:
 * <ul>
 *   <li>{@code artifact:<version>}: the whole artifact, a zip of {@code model.json}, {@code model.zip} and {@code
 *       model.onnx} (~230 KB for the shipped network; the topic's {@code max.message.bytes} and the publisher's
 *       {@code max.request.size} are {@value #MAX_RECORD_BYTES} bytes). One per version, kept by compaction.
 *   <li>{@value #POINTER_KEY}: which version serves, as properties text ({@code version}, {@code force}, {@code
 *       previous}, {@code action}, {@code publishedAt}). Its latest value is the one that counts. A publish writes
 *       the artifact, then the pointer (one partition: in that order for every reader); a rollback writes only a
 *       pointer to an earlier version, forced, since the version served before.
 * </ul>
 */
public final class ModelControlRecords {

    public static final String POINTER_KEY = "current";
    public static final String ARTIFACT_KEY_PREFIX = "artifact:";
    public static final int MAX_RECORD_BYTES = 8 * 1024 * 1024;

    private static final List<String> FILES =
            List.of(ModelArtifact.METADATA, ModelArtifact.NETWORK, ModelArtifact.ONNX);

    private ModelControlRecords() {}

    /** The control topic of an application. */
    public static String topicOf(String applicationId) {
        return applicationId + ".models";
    }

    /** The topic as the app and the tools create it when missing. */
    public static NewTopic newTopic(String name) {
        return new NewTopic(name, Optional.of(1), Optional.empty())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG,
                        TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
                        String.valueOf(MAX_RECORD_BYTES)));
    }

    public static String artifactKey(String version) {
        return ARTIFACT_KEY_PREFIX + version;
    }

    /** Which version serves. */
    public record Pointer(String version, boolean force, String previous, String action, String publishedAt) {

        public byte[] toBytes() {
            Properties properties = new Properties();
            properties.setProperty("version", version);
            properties.setProperty("force", String.valueOf(force));
            properties.setProperty("previous", previous == null ? "" : previous);
            properties.setProperty("action", action);
            properties.setProperty("publishedAt", publishedAt);
            StringWriter text = new StringWriter();
            try {
                properties.store(text, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return text.toString().getBytes(StandardCharsets.UTF_8);
        }

        /**
         * Reads a pointer record.
         *
         * @throws IllegalArgumentException when the bytes are not a pointer
         */
        public static Pointer fromBytes(byte[] bytes) {
            Properties properties = new Properties();
            try {
                properties.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("not a model pointer: " + e.getMessage(), e);
            }
            String version = properties.getProperty("version", "");
            if (version.isBlank()) {
                throw new IllegalArgumentException("a model pointer without a version");
            }
            String previous = properties.getProperty("previous", "");
            return new Pointer(
                    version,
                    Boolean.parseBoolean(properties.getProperty("force")),
                    previous.isEmpty() ? null : previous,
                    properties.getProperty("action", "publish"),
                    properties.getProperty("publishedAt", ""));
        }
    }

    /** The artifact's three files as one zip, for an {@code artifact:<version>} record. */
    public static byte[] pack(Path artifact) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String file : FILES) {
                zip.putNextEntry(new ZipEntry(file));
                Files.copy(artifact.resolve(file), zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the model artifact " + artifact + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Writes an artifact record's files into {@code target} (created; files there replaced). Only the artifact's
     * three file names are taken, each at most {@value #MAX_RECORD_BYTES} bytes: a record cannot write elsewhere.
     *
     * @throws IllegalArgumentException when the record is not such a zip
     */
    public static Path unpack(byte[] record, Path target) {
        Set<String> seen = new java.util.HashSet<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(record))) {
            Files.createDirectories(target);
            Files.deleteIfExists(target.resolve(ModelArtifact.METADATA));
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (!FILES.contains(entry.getName())) {
                    throw new IllegalArgumentException("unexpected file " + entry.getName() + " in a model record");
                }
                Files.write(target.resolve(entry.getName()), readBounded(zip));
                seen.add(entry.getName());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a model artifact zip: " + e.getMessage(), e);
        }
        if (!seen.containsAll(FILES)) {
            throw new IllegalArgumentException("a model record holds " + seen + ", not all of " + FILES);
        }
        return target;
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_RECORD_BYTES + 1);
        if (bytes.length > MAX_RECORD_BYTES) {
            throw new IOException("a file of more than " + MAX_RECORD_BYTES + " bytes");
        }
        return bytes;
    }
}
