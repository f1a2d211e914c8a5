package io.denoiser.stream.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the models control topic ({@link ModelControlRecords}) whole, on a thread of its own, and offers each version
 * the pointer names to the {@link ModelRollout}. Every instance reads every record (the consumer is assigned all
 * partitions, in no group, from the beginning), so every instance swaps to the same version without a shared disk.
 * Artifacts are unpacked under a work folder, one sub-folder per version.
 *
 * <p>Why a plain consumer rather than a global store of the topology: the model must be chosen before the topology
 * starts (the catch-up at {@link #start}), verification takes seconds and must not hold up any Kafka Streams thread,
 * and an exception on the global thread would stop the whole client, where here it only refuses one candidate.
 */
public final class ControlTopicWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlTopicWatch.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration ASSIGN_WAIT = Duration.ofSeconds(5);
    private static final int MAX_CATCH_UP_SECONDS = 10;

    private final String topic;
    private final Path workFolder;
    private final ModelRollout rollout;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Path> artifacts = new HashMap<>();
    /** Versions whose artifact record was refused already: a pointer to them is not refused a second time. */
    private final java.util.Set<String> corrupt = new java.util.HashSet<>();

    /** The name of the thread that reads the topic after the start. */
    public static final String THREAD_NAME = "model-control-topic-watch";

    private final Thread thread;
    private ModelControlRecords.Pointer pointer;
    private ModelControlRecords.Pointer offered;
    private volatile boolean running = true;

    private ControlTopicWatch(String topic, Path workFolder, ModelRollout rollout, Map<String, Object> clientSettings) {
        this.topic = topic;
        this.workFolder = workFolder;
        this.rollout = rollout;
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, ModelControlRecords.MAX_RECORD_BYTES);
        settings.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-watch");
        this.consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, THREAD_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Creates the topic when missing, reads it to its end and offers the version its pointer names, all on the
     * caller's thread, so that the app starts on it; then goes on reading in the background. Each step waits at most
     * {@code catchUp}, capped at {@value #MAX_CATCH_UP_SECONDS} s; when no broker answers the first, the topic is
     * read in the background only, and the app's lifecycle reports the missing broker (and hears a stop request).
     *
     * @param clientSettings bootstrap servers and security settings of the app's Kafka clients
     * @param workFolder     where artifacts are unpacked (emptied first)
     */
    public static ControlTopicWatch start(
            String topic, Map<String, Object> clientSettings, Path workFolder, ModelRollout rollout, Duration catchUp) {
        Objects.requireNonNull(rollout, "rollout");
        Duration wait = catchUp.compareTo(Duration.ofSeconds(MAX_CATCH_UP_SECONDS)) < 0
                ? catchUp
                : Duration.ofSeconds(MAX_CATCH_UP_SECONDS);
        boolean brokerAnswered = ensureTopic(topic, clientSettings, wait);
        emptyFolder(workFolder);
        ControlTopicWatch watch = new ControlTopicWatch(topic, workFolder, rollout, clientSettings);
        try {
            if (brokerAnswered) {
                watch.catchUp(wait);
            }
        } catch (KafkaException | IllegalStateException e) {
            // no broker yet, say: the lifecycle reports that; the watch reads the topic once it can
            LOG.warn(
                    "cannot read the models control topic {} now ({}): reading it in the background",
                    topic,
                    e.toString());
        }
        watch.thread.start();
        LOG.info("watching the models control topic {}", topic);
        return watch;
    }

    private void catchUp(Duration timeout) {
        List<TopicPartition> partitions = assignAll(timeout);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!reachedEnd(ends) && System.nanoTime() < deadline) {
            consumer.poll(POLL).forEach(this::take);
        }
        if (!reachedEnd(ends)) {
            LOG.warn(
                    "the models control topic {} was not read to its end within {} ms: going on in the background",
                    topic,
                    timeout.toMillis());
        }
        offerPointer();
    }

    /** Assigns every partition of the topic, from the beginning. */
    private List<TopicPartition> assignAll(Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("the models control topic " + topic + " has no partitions");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    private boolean reachedEnd(Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void run() {
        try {
            while (running) {
                if (consumer.assignment().isEmpty()) {
                    assignOrWait();
                    continue;
                }
                consumer.poll(POLL).forEach(this::take);
                offerPointer();
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error(
                    "the models control topic watch stopped: {}; the serving model stays until a restart",
                    e.toString(),
                    e);
        } finally {
            consumer.close();
        }
    }

    /** Assigns the partitions, or waits (in the metadata request) until the broker or the topic is there. */
    private void assignOrWait() {
        try {
            assignAll(ASSIGN_WAIT);
            LOG.info("reading the models control topic {}", topic);
        } catch (org.apache.kafka.common.errors.TimeoutException | IllegalStateException e) {
            LOG.debug("the models control topic {} is not readable yet: {}", topic, e.toString());
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        if (key.equals(ModelControlRecords.POINTER_KEY)) {
            takePointer(record);
        } else if (key.startsWith(ModelControlRecords.ARTIFACT_KEY_PREFIX)) {
            takeArtifact(key.substring(ModelControlRecords.ARTIFACT_KEY_PREFIX.length()), record);
        }
    }

    private void takePointer(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            pointer = null;
            return;
        }
        try {
            pointer = ModelControlRecords.Pointer.fromBytes(record.value());
        } catch (IllegalArgumentException e) {
            rollout.refuse("?", source(record), e.getMessage());
        }
    }

    private void takeArtifact(String version, ConsumerRecord<String, byte[]> record) {
        corrupt.remove(version);
        if (record.value() == null) {
            artifacts.remove(version);
            return;
        }
        Path folder = workFolder.resolve(folderName(version));
        try {
            ModelControlRecords.unpack(record.value(), folder);
            artifacts.put(version, folder);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            artifacts.remove(version);
            corrupt.add(version);
            rollout.refuse(version, source(record), "corrupt artifact record: " + e.getMessage());
        }
    }

    /** Offers the version the pointer names, once per pointer record. */
    private void offerPointer() {
        if (pointer == null || pointer.equals(offered)) {
            return;
        }
        ModelControlRecords.Pointer wanted = pointer;
        offered = wanted;
        Optional<Path> folder = Optional.ofNullable(artifacts.get(wanted.version()));
        String source = "control topic " + topic + " (" + wanted.action() + (wanted.force() ? ", forced" : "") + ")";
        if (folder.isEmpty() && corrupt.contains(wanted.version())) {
            LOG.debug("the pointer names {}, whose artifact record was refused", wanted.version());
            return;
        }
        if (folder.isEmpty()) {
            rollout.refuse(wanted.version(), source, "the topic holds no artifact of that version");
            return;
        }
        rollout.offer(new Candidate(folder.get(), source, wanted.force()));
    }

    private String source(ConsumerRecord<String, byte[]> record) {
        return "control topic " + topic + " at offset " + record.offset();
    }

    /** A version as a folder name: letters, digits and {@code . _ @ -} kept, anything else {@code _}. */
    static String folderName(String version) {
        String name = version.replaceAll("[^A-Za-z0-9._@-]", "_");
        return name.startsWith(".") ? "_" + name : name;
    }

    /** Creates the topic when missing; false when no broker answered within {@code timeout}. */
    private static boolean ensureTopic(String topic, Map<String, Object> clientSettings, Duration timeout) {
        int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        Map<String, Object> settings = new HashMap<>(clientSettings);
        // bounded, so that closing the admin client does not wait for a request to a broker that is not there
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        Admin admin = Admin.create(settings);
        try {
            admin.createTopics(List.of(ModelControlRecords.newTopic(topic)))
                    .all()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("created the models control topic {}", topic);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                LOG.warn(
                        "no broker answered within {} ms: the models control topic {} is read once one does",
                        timeout.toMillis(),
                        topic);
                return false;
            }
            if (!(e.getCause() instanceof TopicExistsException)) {
                LOG.warn(
                        "cannot create the models control topic {}: {}",
                        topic,
                        e.getCause().toString());
            }
            return true;
        } catch (TimeoutException e) {
            LOG.warn(
                    "no broker answered within {} ms: the models control topic {} is read once one does",
                    timeout.toMillis(),
                    topic);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the models control topic " + topic, e);
        } finally {
            admin.close(Duration.ZERO);
        }
    }

    private static void emptyFolder(Path folder) {
        try {
            if (Files.exists(folder)) {
                try (Stream<Path> files = Files.walk(folder)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + folder + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
