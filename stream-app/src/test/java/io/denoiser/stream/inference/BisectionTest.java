package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BisectionTest {

    @Test
    void shouldDenoiseAWholeBatchInOneCall() {
        // given
        FakeDenoiser denoiser = FakeDenoiser.inverting();

        // when
        List<ModelResult> results =
                Bisection.denoise(ModelCalls.unguarded(denoiser), inputs(clean(), clean(), clean()));

        // then
        assertThat(results)
                .allSatisfy(result -> assertThat(result)
                        .isInstanceOfSatisfying(
                                ModelResult.Output.class,
                                output -> assertThat(output.batchSize()).isEqualTo(3)));
        assertThat(denoiser.callSizes()).containsExactly(3);
    }

    @Test
    void shouldIsolateEveryFailingImageAndKeepInputOrder() {
        // given poisoned images at positions 1 and 6 of 8
        FakeDenoiser denoiser = FakeDenoiser.failingOnPoison();
        List<ModelInput> batch = inputs(clean(), poison(), clean(), clean(), clean(), clean(), poison(), clean());

        // when
        List<ModelResult> results = Bisection.denoise(ModelCalls.unguarded(denoiser), batch);

        // then
        assertThat(results).hasSize(8);
        assertThat(results)
                .extracting(result -> result instanceof ModelResult.Failure)
                .containsExactly(false, true, false, false, false, false, true, false);
        assertThat(results.get(2)).isEqualTo(new ModelResult.Output(invert(clean()), 2));
    }

    @Test
    void shouldTreatABrokenContractAsAFailure() {
        // given a denoiser that returns a narrower image for a poisoned input
        Denoiser narrowsPoison = new Denoiser() {
            @Override
            public List<GrayImage> denoise(List<GrayImage> noisy) {
                return noisy.stream()
                        .map(image -> isPoisoned(image) ? new GrayImage(7, 8, new float[56]) : image)
                        .toList();
            }

            @Override
            public String name() {
                return "narrows-poison";
            }
        };

        // when
        List<ModelResult> results = Bisection.denoise(ModelCalls.unguarded(narrowsPoison), inputs(clean(), poison()));

        // then
        assertThat(results.get(0)).isInstanceOf(ModelResult.Output.class);
        assertThat(results.get(1))
                .isInstanceOfSatisfying(
                        ModelResult.Failure.class,
                        failure -> assertThat(failure.cause())
                                .hasMessageContaining("returned GrayImage[7x8] for input 0, a GrayImage[8x8]"));
    }

    @Test
    void shouldProbeTheModelOnceAfterTheFirstFailedCall() {
        // given poisoned images at positions 1 and 6 of 8
        FakeDenoiser denoiser = FakeDenoiser.failingOnPoison();
        List<ModelInput> batch = inputs(clean(), poison(), clean(), clean(), clean(), clean(), poison(), clean());

        // when
        Bisection.denoise(ModelCalls.unguarded(denoiser), batch);

        // then the bisection's calls, with one probe (one image) after the first
        assertThat(denoiser.callSizes()).containsExactly(8, 1, 4, 2, 1, 1, 2, 4, 2, 2, 1, 1);
    }

    @Test
    void shouldNotCallTheModelForAnEmptyBatch() {
        FakeDenoiser denoiser = FakeDenoiser.inverting();

        assertThat(Bisection.denoise(ModelCalls.unguarded(denoiser), List.of())).isEmpty();
        assertThat(denoiser.callSizes()).isEmpty();
    }

    private static List<ModelInput> inputs(GrayImage... images) {
        List<ModelInput> inputs = new ArrayList<>(images.length);
        for (int i = 0; i < images.length; i++) {
            inputs.add(new ModelInput(new SourceCoordinates("images.noisy", 0, i), images[i]));
        }
        return inputs;
    }

    private static GrayImage clean() {
        return gray(TestData.gradient(8, 8).pixels());
    }

    private static GrayImage poison() {
        return gray(TestData.poisoned(8, 8).pixels());
    }

    private static boolean isPoisoned(GrayImage image) {
        return Math.round(image.pixels()[0] * 255) == TestData.POISON_GREY;
    }

    private static GrayImage invert(GrayImage image) {
        return FakeDenoiser.inverting().denoise(List.of(image)).get(0);
    }

    private static GrayImage gray(byte[] pixels) {
        return GrayImage.fromBytes(8, 8, pixels);
    }
}
