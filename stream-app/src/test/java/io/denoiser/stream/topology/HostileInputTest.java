package io.denoiser.stream.topology;

import static io.denoiser.stream.fixtures.TestData.BATCH_DELAY;
import static io.denoiser.stream.fixtures.TestData.config;
import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.config.StreamAppConfig;
import io.denoiser.stream.fixtures.DenoiserDriver;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.HostileCorpus;
import io.denoiser.stream.fixtures.HostileCorpus.Case;
import io.denoiser.stream.fixtures.HostileCorpus.Sent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hostile corpus ({@link HostileCorpus}) through the topology with a fake model: each record to the
 * dead-letter topic with its reason code, or denoised when it is valid after all, a good image after each one
 * denoised, and nothing thrown (in a real app, nothing that stops it). The same corpus runs against a real
 * broker and model in {@code HostileInputIT}.
 */
class HostileInputTest {

    @TempDir
    Path stateDir;

    @Test
    void shouldDeadLetterEachHostileRecordWithItsReasonAndDenoiseTheGoodOnesAroundThem() {
        // given
        StreamAppConfig config = config(stateDir);
        List<Case> corpus = HostileCorpus.cases(config.inputPolicy().maxRecordBytes());
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(25);

        try (DenoiserDriver driver = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            // when each hostile record is followed by a good one (offsets 0, 1, 2... of partition 0)
            List<Sent> sent = new ArrayList<>();
            List<String> goodIds = new ArrayList<>();
            long offset = 0;
            for (Case hostile : corpus) {
                driver.sendRaw(hostile.key(), hostile.value(), new RecordHeaders());
                sent.add(new Sent(hostile, 0, offset++));
                String good = "good-" + offset;
                driver.send(HostileCorpus.image(good));
                goodIds.add(good);
                offset++;
            }
            driver.advanceWallClock(BATCH_DELAY);

            // then
            HostileCorpus.assertEachCameOutOnceAsExpected(
                    sent,
                    goodIds,
                    driver.reconstructions().stream().map(TestRecord::value).toList(),
                    driver.deadLetters().stream().map(TestRecord::value).toList());
            assertThat(driver.buffered()).isZero();
        }
    }

    @Test
    void shouldKeepEveryDeadLetterOfTheCorpusWithinTheProducersLimit() {
        StreamAppConfig config = config(stateDir);
        try (DenoiserDriver driver = DenoiserDriver.start(config, FakeDenoiser.inverting())) {
            for (Case hostile : HostileCorpus.cases(config.inputPolicy().maxRecordBytes())) {
                driver.sendRaw(hostile.key(), hostile.value(), new RecordHeaders());
            }

            assertThat(driver.deadLetterRecords())
                    .allSatisfy(record -> assertThat(lengthOf(record.key()) + lengthOf(record.value()))
                            .isLessThanOrEqualTo(config.recordSizes().maxRequestSize() - 1_024));
        }
    }

    private static int lengthOf(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
