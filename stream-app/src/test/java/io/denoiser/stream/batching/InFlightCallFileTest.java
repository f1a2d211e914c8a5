package io.denoiser.stream.batching;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.stream.source.SourceCoordinates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run of a task learns from the calls an earlier run left on record. */
class InFlightCallFileTest {

    private static final String APPLICATION = "denoiser";
    private static final String TASK = "0_3";

    @TempDir
    Path stateDir;

    @Test
    void shouldSuspectEveryImageOfACallTheAppDidNotSurvive() {
        // given a run that stops during a call of three images
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1), image(2), image(3)));
        }

        // when
        try (InFlightCallFile calls = open()) {
            // then
            assertThat(List.of(image(1), image(2), image(3))).allMatch(calls::suspect);
            assertThat(calls.suspect(image(4))).isFalse();
            assertThat(calls.condemned(image(2))).isFalse();
        }
    }

    @Test
    void shouldSuspectNothingAfterCallsThatEnded() {
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1), image(2)));
            calls.ended();
        }

        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(1))).isFalse();
        }
    }

    @Test
    void shouldCondemnAnImageAloneInTwoCallsInARowThatTheAppDidNotSurvive() {
        // given a run that stops while the image is alone in the call
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(7)));
        }
        // and one that tries it alone once more, and stops again
        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(7))).isTrue();
            assertThat(calls.condemned(image(7))).isFalse();
            calls.starting(List.of(image(7)));
        }

        // when
        try (InFlightCallFile calls = open()) {
            // then
            assertThat(calls.condemned(image(7))).isTrue();
        }
    }

    @Test
    void shouldNotCountAStopAloneAfterAStopInAGroup() {
        // given a stop with the image in a group, then one with it alone
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1), image(7)));
        }
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(7)));
        }

        // then it gets another call alone
        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(7))).isTrue();
            assertThat(calls.condemned(image(7))).isFalse();
        }
    }

    @Test
    void shouldRememberACallOfAnEarlierRunUntilItMakesOne() {
        // given a run that stops during a call, and one that stops before making any
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1), image(2)));
        }
        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(1))).isTrue();
        }

        // then the next run still knows
        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(2))).isTrue();
        }
    }

    @Test
    void shouldIgnoreARecordThatTheStopCutShort() throws IOException {
        // given a record of three keys holding one
        Path file = stateDir.resolve(APPLICATION + ".in-flight").resolve(TASK);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "000000000 000000003\n" + BufferKey.of(image(1)) + "\n", StandardCharsets.UTF_8);

        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(1))).isFalse();
        }
    }

    @Test
    void shouldReadTheRecordItWrote() throws IOException {
        // given
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1), image(2)));
        }

        // then the file says so to a reader, followed by what it does not read
        String text =
                Files.readString(stateDir.resolve(APPLICATION + ".in-flight").resolve(TASK));
        assertThat(text)
                .startsWith("000000000 000000002\n" + BufferKey.of(image(1)) + "\n" + BufferKey.of(image(2)) + "\n");
    }

    @Test
    void shouldRecordNothingForACallLargerThanItMadeRoomFor() {
        // given a run that stops during a call of more images than max.batch.size
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1)));
            calls.starting(java.util.stream.LongStream.range(0, 9)
                    .mapToObj(InFlightCallFileTest::image)
                    .toList());
        }

        // then nothing is suspected rather than a part of it
        try (InFlightCallFile calls = open()) {
            assertThat(calls.suspect(image(1))).isFalse();
            assertThat(calls.suspect(image(0))).isFalse();
        }
    }

    @Test
    void shouldKeepWorkingWithoutARecordWhenItCannotWriteOne() throws IOException {
        // given a file where the folder of records should be
        Files.writeString(stateDir.resolve(APPLICATION + ".in-flight"), "in the way");

        // when / then nothing throws: the app runs on, unguarded
        try (InFlightCallFile calls = open()) {
            calls.starting(List.of(image(1)));
            calls.ended();
            assertThat(calls.suspect(image(1))).isFalse();
        }
    }

    private InFlightCallFile open() {
        return InFlightCallFile.open(stateDir, APPLICATION, TASK, 8);
    }

    private static SourceCoordinates image(long offset) {
        return new SourceCoordinates("images.noisy", 3, offset);
    }
}
