package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.inference.Denoiser;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class BisectionTest {

    @Test
    void shouldDenoiseAWholeBatchInOneCall() {
        // given
        FakeDenoiser denoiser = FakeDenoiser.inverting();

        // when
        List<ModelResult> results = Bisection.denoise(denoiser, List.of(clean(), clean(), clean()));

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
        List<GrayImage> batch = List.of(clean(), poison(), clean(), clean(), clean(), clean(), poison(), clean());

        // when
        List<ModelResult> results = Bisection.denoise(denoiser, batch);

        // then
        assertThat(results).hasSize(8);
        assertThat(results)
                .extracting(result -> result instanceof ModelResult.Failure)
                .containsExactly(false, true, false, false, false, false, true, false);
        assertThat(results.get(2)).isEqualTo(new ModelResult.Output(invert(clean()), 2));
    }

    @Test
    void shouldTreatABrokenContractAsAFailure() {
        // given a denoiser that returns one image too few
        Denoiser dropsOne = new Denoiser() {
            @Override
            public List<GrayImage> denoise(List<GrayImage> noisy) {
                return noisy.subList(0, noisy.size() - 1);
            }

            @Override
            public String name() {
                return "drops-one";
            }
        };

        // when
        List<ModelResult> results = Bisection.denoise(dropsOne, List.of(clean(), clean()));

        // then
        assertThat(results)
                .allSatisfy(result -> assertThat(result)
                        .isInstanceOfSatisfying(
                                ModelResult.Failure.class,
                                failure -> assertThat(failure.cause())
                                        .hasMessageContaining("returned 0 images for 1 inputs")));
    }

    @Test
    void shouldNotCallTheModelForAnEmptyBatch() {
        FakeDenoiser denoiser = FakeDenoiser.inverting();

        assertThat(Bisection.denoise(denoiser, List.of())).isEmpty();
        assertThat(denoiser.callSizes()).isEmpty();
    }

    private static GrayImage clean() {
        return gray(TestData.gradient(8, 8).pixels());
    }

    private static GrayImage poison() {
        return gray(TestData.poisoned(8, 8).pixels());
    }

    private static GrayImage invert(GrayImage image) {
        return FakeDenoiser.inverting().denoise(List.of(image)).get(0);
    }

    private static GrayImage gray(byte[] pixels) {
        return GrayImage.fromBytes(8, 8, pixels);
    }
}
