package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.NEW_YEAR_2026;
import static io.denoiser.stream.fixtures.TestData.config;
import static io.denoiser.stream.fixtures.TestData.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.records.DeadLetter;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.HostileCorpus;
import io.denoiser.stream.fixtures.RecordMutator;
import io.denoiser.stream.fixtures.RecordMutator.Mutation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded fuzz test: {@value #MUTATIONS} valid records mutated at random ({@link RecordMutator}, seed
 * {@value #SEED}) go through the topology with a fake model. Every one comes out exactly once, denoised or as a
 * dead letter, and the topology never throws. Each record has a Kafka timestamp of its own, which its output keeps,
 * so outputs are matched to inputs even when a mutation changed or duplicated an id. A failure names the
 * mutations of the record at fault; rerun with the same seed to reproduce it.
 */
class FuzzedInputTest {

    private static final long SEED = 20_261_202L;
    private static final int MUTATIONS = 2_000;
    private static final int FLUSH_EVERY = 50;

    @TempDir
    Path stateDir;

    @Test
    void shouldPublishEveryMutatedRecordExactlyOnceOnOneOfTheTwoTopicsAndKeepRunning() {
        StreamAppConfig config = config(stateDir);
        RecordMutator mutator = new RecordMutator(SEED);
        Map<Long, List<String>> stepsByTimestamp = new HashMap<>();
        List<TestRecord<String, Reconstruction>> reconstructions = new ArrayList<>();
        List<TestRecord<String, DeadLetter>> deadLetters = new ArrayList<>();

        try (DenoiserDriver driver = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            // when
            for (int i = 0; i < MUTATIONS; i++) {
                long timestamp = NEW_YEAR_2026 + i;
                Mutation mutation = mutator.next("fuzz-" + i);
                stepsByTimestamp.put(timestamp, mutation.steps());
                driver.sendRaw(mutation.key(), mutation.value(), new RecordHeaders(), timestamp);
                if (i % FLUSH_EVERY == 0) {
                    driver.advanceWallClock(BATCH_DELAY);
                    reconstructions.addAll(driver.reconstructions());
                    deadLetters.addAll(driver.deadLetters());
                }
            }
            // and a good image after them all, which the topology must still denoise
            long last = NEW_YEAR_2026 + MUTATIONS;
            driver.send("fuzz-sentinel", json(HostileCorpus.image("fuzz-sentinel")), last);
            driver.advanceWallClock(BATCH_DELAY);
            reconstructions.addAll(driver.reconstructions());
            deadLetters.addAll(driver.deadLetters());
            assertThat(driver.buffered()).isZero();
        }

        // then
        Map<Long, Long> outputsPerInput = new TreeMap<>();
        reconstructions.forEach(record -> outputsPerInput.merge(record.timestamp(), 1L, Long::sum));
        deadLetters.forEach(record -> outputsPerInput.merge(record.timestamp(), 1L, Long::sum));
        Map<Long, Long> notOnce = outputsPerInput.entrySet().stream()
                .filter(entry -> entry.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(notOnce)
                .as(
                        "inputs (by timestamp) that came out more than once; their mutations: %s",
                        describe(notOnce, stepsByTimestamp))
                .isEmpty();
        assertThat(outputsPerInput.keySet())
                .as("every input came out")
                .containsExactlyElementsOf(LongStream.rangeClosed(NEW_YEAR_2026, NEW_YEAR_2026 + MUTATIONS)
                        .boxed()
                        .toList());
        Map<String, Long> reasons = deadLetters.stream()
                .collect(Collectors.groupingBy(
                        record -> record.value().reason().name(), TreeMap::new, Collectors.counting()));
        System.out.printf(
                "FuzzedInputTest: %,d mutated records (seed %d): %,d denoised, dead letters by reason %s%n",
                MUTATIONS, SEED, reconstructions.size() - 1, reasons);
        assertThat(reasons).as("the mutations reach every step of reading").hasSizeGreaterThanOrEqualTo(5);
        assertThat(reconstructions).hasSizeGreaterThan(1);
    }

    private static String describe(Map<Long, Long> inputs, Map<Long, List<String>> steps) {
        return inputs.keySet().stream()
                .limit(5)
                .map(steps::get)
                .map(String::valueOf)
                .collect(Collectors.joining("; "));
    }
}
