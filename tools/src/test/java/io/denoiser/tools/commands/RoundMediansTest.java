package io.denoiser.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.tools.LoadMeasurement;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundMediansTest {

    private static final Bench.Variant SMALL_BATCHES = new Bench.Variant("onnx", 8, 20);
    private static final Bench.Variant LARGE_BATCHES = new Bench.Variant("onnx", 128, 20);

    @Test
    void shouldTakeTheMedianOfEachFigureOnItsOwnAcrossTheRoundsOfASetting() {
        List<Bench.Result> rounds = List.of(
                result(SMALL_BATCHES, 1, 900, 40, 300),
                result(LARGE_BATCHES, 1, 1_000, 50, 90),
                result(SMALL_BATCHES, 2, 2_000, 20, 60),
                result(LARGE_BATCHES, 2, 2_500, 45, 95),
                result(SMALL_BATCHES, 3, 1_800, 30, 70),
                result(LARGE_BATCHES, 3, 2_600, 55, 80));

        List<Bench.Result> medians = RoundMedians.of(rounds);

        assertThat(medians).extracting(Bench.Result::variant).containsExactly(SMALL_BATCHES, LARGE_BATCHES);
        Bench.Result small = medians.get(0);
        assertThat(small.saturation().throughput()).isEqualTo(1_800);
        assertThat(small.loads().get(0).p50Millis()).isEqualTo(30);
        assertThat(small.loads().get(0).p99Millis()).isEqualTo(70);
        assertThat(small.loads().get(0).offeredRate()).isEqualTo(900);
        assertThat(medians.get(1).saturation().throughput()).isEqualTo(2_500);
        assertThat(small.saturation().modelRatio())
                .as("the median of each round's ratio to its own measurement of the model alone")
                .isEqualTo(1_800 / 4_000.0);
        assertThat(small.loads().get(0).modelRatio())
                .as("a paced phase has none")
                .isNull();
        assertThat(small.saturation().brokerRequestsPerImage()).isEqualTo(1_800 / 10_000.0);
    }

    @Test
    void shouldAverageTheTwoMiddleValuesOfAnEvenNumberOfRounds() {
        List<Bench.Result> medians = RoundMedians.of(
                List.of(result(SMALL_BATCHES, 1, 1_000, 20, 100), result(SMALL_BATCHES, 2, 2_000, 30, 50)));

        assertThat(medians.get(0).saturation().throughput()).isEqualTo(1_500);
        assertThat(medians.get(0).loads().get(0).p99Millis()).isEqualTo(75);
    }

    @Test
    void shouldKeepASingleRoundAsItIs() {
        Bench.Result only = result(SMALL_BATCHES, 1, 1_000, 20, 100);

        assertThat(RoundMedians.of(List.of(only))).containsExactly(only);
    }

    /** A saturation phase and one load at half of it. */
    private static Bench.Result result(Bench.Variant variant, int round, double saturation, long p50, long p99) {
        return new Bench.Result(
                variant,
                round,
                new LoadMeasurement(
                        "saturation",
                        0,
                        15_000,
                        saturation,
                        4_000,
                        7_000,
                        7_500,
                        30,
                        300,
                        null,
                        0.1,
                        1.0,
                        10,
                        saturation / 4_000,
                        saturation / 10_000),
                List.of(new LoadMeasurement(
                        "50% load",
                        saturation / 2,
                        10_000,
                        saturation / 2,
                        p50,
                        p50 * 2,
                        p99,
                        12,
                        400,
                        null,
                        0.1,
                        1.0,
                        10,
                        null,
                        0.2)));
    }
}
