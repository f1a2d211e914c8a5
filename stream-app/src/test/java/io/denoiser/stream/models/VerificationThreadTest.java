package io.denoiser.stream.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Candidates are verified on a thread of their own that yields the cores to the stream threads. */
class VerificationThreadTest {

    @Test
    void shouldVerifyAtTheLowestPriorityByDefault() {
        assumeLinux();
        try (VerificationThread verification = new VerificationThread(VerificationThread.Priority.BACKGROUND)) {
            assertThat(verification.run(VerificationThreadTest::niceOfThisThread))
                    .isEqualTo(19);
            assertThat(verification.run(() -> Thread.currentThread().getName())).isEqualTo("model-verification");
        }
        assertThat(niceOfThisThread()).as("the caller's priority").isNotEqualTo(19);
    }

    @Test
    void shouldKeepTheCallersPriorityWhenAskedTo() {
        assumeLinux();
        int callers = niceOfThisThread();
        try (VerificationThread verification = new VerificationThread(VerificationThread.Priority.NORMAL)) {
            assertThat(verification.run(VerificationThreadTest::niceOfThisThread))
                    .isEqualTo(callers);
        }
    }

    @Test
    void shouldHandTheRefusalOfTheWorkBackAsItWasThrown() {
        CandidateRefusedException refused = new CandidateRefusedException("wrong shape: 3 outputs for 4 probe images");
        try (VerificationThread verification = new VerificationThread(VerificationThread.Priority.BACKGROUND)) {
            assertThatThrownBy(() -> verification.run(() -> {
                        throw refused;
                    }))
                    .isSameAs(refused);
        }
    }

    private static void assumeLinux() {
        assumeThat(Files.isSymbolicLink(Path.of("/proc/thread-self")))
                .as("Linux: /proc/thread-self")
                .isTrue();
    }

    /** Field 19 of /proc/thread-self/stat, after the command name in parentheses. */
    private static int niceOfThisThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            List<String> fields =
                    List.of(stat.substring(stat.lastIndexOf(')') + 2).split(" ", -1));
            return Integer.parseInt(fields.get(19 - 3));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
