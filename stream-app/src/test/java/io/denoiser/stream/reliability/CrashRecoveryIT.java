package io.denoiser.stream.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.broker.EmbeddedKafkaBroker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The app as its own OS process, SIGKILLed while images flow and restarted each time: no image is lost under either
 * guarantee, and under {@code exactly_once_v2} a {@code read_committed} reader sees each image exactly once. The
 * broker runs in this JVM, so it survives every kill.
 *
 * <p>The default build kills once at each {@link KillPoint}; the {@code reliability} Maven profile runs the long
 * variant (system properties {@code denoiser.crash.images}, {@code denoiser.crash.rate}, {@code denoiser.crash.kills};
 * see the README).
 */
class CrashRecoveryIT {

    /** 2,000 images at 30/s: published over about 67 s, long enough for three kills and restarts to fall within. */
    private static final int IMAGES = Integer.getInteger("denoiser.crash.images", 2_000);

    private static final double PER_SECOND = Double.parseDouble(System.getProperty("denoiser.crash.rate", "30"));
    private static final int KILLS = Integer.getInteger("denoiser.crash.kills", KillPoint.values().length);

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
    @Timeout(
            value = 30,
            unit = TimeUnit.MINUTES) // a hang guard sized for the long variant; the drill waits on conditions
    void shouldDenoiseEveryImageAtLeastOnceWhenKilledRepeatedlyUnderAtLeastOnce() throws Exception {
        // given / when
        CrashDrill.Outcome outcome =
                CrashDrill.run(broker, new CrashDrill.Plan("at_least_once", IMAGES, PER_SECOND, killPoints()));
        System.out.print(CrashDrill.report(outcome));

        // then
        assertThat(outcome.missingForCommittedReaders()).as("images lost").isEmpty();
        assertThat(outcome.deadLetters()).as("dead letters").isEmpty();
        assertThat(outcome.finalExitStatus()).as("exit status on SIGTERM").isZero();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void shouldPublishEveryImageExactlyOnceForCommittedReadersWhenKilledRepeatedlyUnderExactlyOnce() throws Exception {
        // given / when
        CrashDrill.Outcome outcome =
                CrashDrill.run(broker, new CrashDrill.Plan("exactly_once_v2", IMAGES, PER_SECOND, killPoints()));
        System.out.print(CrashDrill.report(outcome));

        // then
        assertThat(outcome.missingForCommittedReaders()).as("images lost").isEmpty();
        assertThat(outcome.duplicatedForCommittedReaders())
                .as("images published more than once for read_committed readers")
                .isEmpty();
        assertThat(outcome.deadLetters()).as("dead letters").isEmpty();
        assertThat(outcome.finalExitStatus()).as("exit status on SIGTERM").isZero();
    }

    /** Each kill point in turn, {@link #KILLS} times in all. */
    private static List<KillPoint> killPoints() {
        List<KillPoint> cycle = List.of(KillPoint.values());
        List<KillPoint> kills = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            kills.add(cycle.get(i % cycle.size()));
        }
        return kills;
    }
}
