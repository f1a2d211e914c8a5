package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fail-over between two instances of the app, each its own OS process, on a 4-partition input: one is SIGKILLed
 * while images flow, the other takes its partitions over, and every image comes out (at least once; exactly once for
 * {@code read_committed} readers under {@code exactly_once_v2}). {@link FailoverDrill} measures detection, restore and
 * takeover from outside and prints them; docs/RELIABILITY.md has the figures.
 *
 * <p>Minutes each (two app processes, the default variant waits out a 45 s session timeout): tagged {@code long}, so
 * only {@code ./mvnw -Preliability} runs them.
 */
@Tag("long")
@Timeout(value = 15, unit = TimeUnit.MINUTES) // a hang guard; the drill waits on conditions
class FailoverIT {

    private static final Duration KILL_AFTER_STEADY = Duration.ofSeconds(10);

    private static EmbeddedKafkaBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void shouldTakeOverWithinTheShortSessionTimeoutAndLoseNothingUnderAtLeastOnce() throws Exception {
        FailoverDrill.Outcome outcome = drill("session-6s", "at_least_once", shortSession(), Duration.ofSeconds(6));

        assertThat(outcome.missing()).as("images lost").isEmpty();
        assertThat(outcome.detectionSeconds())
                .as("detection")
                .hasValueSatisfying(s -> assertThat(s).isLessThan(20));
    }

    @Test
    void shouldPublishEveryImageExactlyOnceForCommittedReadersUnderExactlyOnce() throws Exception {
        FailoverDrill.Outcome outcome =
                drill("session-6s-eos", "exactly_once_v2", shortSession(), Duration.ofSeconds(6));

        assertThat(outcome.missing()).as("images lost").isEmpty();
        assertThat(outcome.duplicatesForCommittedReaders())
                .as("duplicates for read_committed readers")
                .isZero();
    }

    @Test
    void shouldTakeOverOnlyAfterTheDefaultSessionTimeoutOf45Seconds() throws Exception {
        FailoverDrill.Outcome outcome = drill("defaults", "at_least_once", Map.of(), Duration.ofSeconds(45));

        assertThat(outcome.missing()).as("images lost").isEmpty();
        assertThat(outcome.detectionSeconds())
                .as("detection")
                .hasValueSatisfying(s -> assertThat(s).isGreaterThan(30));
    }

    @Test
    void shouldRestoreLittleWithAStandbyReplica() throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(shortSession());
        settings.put("num.standby.replicas", "1");
        FailoverDrill.Outcome outcome = drill("standby", "at_least_once", settings, Duration.ofSeconds(6));

        assertThat(outcome.missing()).as("images lost").isEmpty();
    }

    /**
     * Static membership ({@code group.instance.id}) with the default session timeout: the killed instance is started
     * again by its supervisor within the timeout and takes its own partitions back.
     */
    @Test
    void shouldLetAStaticMemberComeBackWithinTheSessionTimeout() throws Exception {
        FailoverDrill.Outcome outcome = FailoverDrill.run(
                broker,
                new FailoverDrill.Plan(
                        "static",
                        "at_least_once",
                        Map.of("group.instance.id", "denoiser-{instance}"),
                        KILL_AFTER_STEADY,
                        Duration.ofSeconds(45),
                        Optional.of(Duration.ofSeconds(5))));
        System.out.print(FailoverDrill.report(outcome));

        assertThat(outcome.missing()).as("images lost").isEmpty();
    }

    private static Map<String, String> shortSession() {
        return Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1500");
    }

    private static FailoverDrill.Outcome drill(
            String name, String guarantee, Map<String, String> settings, Duration expectedSilence)
            throws InterruptedException {
        FailoverDrill.Outcome outcome = FailoverDrill.run(
                broker,
                new FailoverDrill.Plan(
                        name, guarantee, settings, KILL_AFTER_STEADY, expectedSilence, Optional.empty()));
        System.out.print(FailoverDrill.report(outcome));
        assertThat(outcome.deadLetters()).as("dead letters").isZero();
        assertThat(outcome.survivorExitStatus())
                .as("survivor's exit status on SIGTERM")
                .isZero();
        assertThat(outcome.firstOutputAfterKill())
                .as("partitions flowing after the kill")
                .hasSize(4);
        return outcome;
    }
}
