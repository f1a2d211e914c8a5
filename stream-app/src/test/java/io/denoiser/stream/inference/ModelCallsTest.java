package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.image.GrayImage;
import io.denoiser.stream.fixtures.FakeDenoiser;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.health.ModelHealth;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a failed call, what tells a broken model from bad images, and what is recorded of each call. */
class ModelCallsTest {

    private final ModelHealth health = new ModelHealth();
    private final RecordedCalls recorded = new RecordedCalls();

    @Test
    void shouldJudgeTheModelBrokenWhenTheProbeFailsToo() {
        // given a runtime that fails every call
        FakeDenoiser denoiser = FakeDenoiser.failingEveryCall();
        ModelCalls model = new ModelCalls(denoiser, recorded, health);

        // when / then: no image is blamed; one call for the batch, one for the probe
        assertThatThrownBy(() -> Bisection.denoise(model, inputs(clean(), clean(), clean())))
                .isInstanceOf(ModelBrokenException.class)
                .hasMessageStartingWith("the model is broken: a call failed (fake runtime cannot run any model)")
                .hasMessageContaining("28x28 probe image");
        assertThat(denoiser.callSizes()).containsExactly(3, 1);
        assertThat(health.brokenReason())
                .hasValueSatisfying(reason -> assertThat(reason).startsWith("the model is broken"));
    }

    @Test
    void shouldBlameOnlyTheImagesWhenTheProbePasses() {
        // given
        ModelCalls model = new ModelCalls(FakeDenoiser.failingOnPoison(), recorded, health);

        // when
        List<ModelResult> results = Bisection.denoise(model, inputs(clean(), poison()));

        // then
        assertThat(results)
                .extracting(result -> result instanceof ModelResult.Failure)
                .containsExactly(false, true);
        assertThat(health.broken()).isFalse();
    }

    @Test
    void shouldTreatNotANumberAsAFailureOfTheImage() {
        // given a model that returns NaN for the poisoned image only
        ModelCalls model = new ModelCalls(FakeDenoiser.notANumberOnPoison(), recorded, health);

        // when
        List<ModelResult> results = Bisection.denoise(model, inputs(clean(), poison(), clean()));

        // then
        assertThat(results.get(0)).isInstanceOf(ModelResult.Output.class);
        assertThat(results.get(1))
                .isInstanceOfSatisfying(
                        ModelResult.Failure.class,
                        failure -> assertThat(failure.cause())
                                .hasMessage("the model returned a pixel that is NaN in image 1 of 1"));
        assertThat(results.get(2)).isInstanceOf(ModelResult.Output.class);
    }

    @Test
    void shouldJudgeAModelThatReturnsOnlyNotANumberBroken() {
        ModelCalls model = new ModelCalls(FakeDenoiser.notANumberEverywhere(), recorded, health);

        assertThatThrownBy(() -> Bisection.denoise(model, inputs(clean())))
                .isInstanceOf(ModelBrokenException.class)
                .hasMessageContaining("NaN");
        assertThat(health.broken()).isTrue();
    }

    @Test
    void shouldSplitACallThatRanOutOfMemory() {
        // given a runtime with memory for 1,000 pixels per call, and 16 images of 64
        FakeDenoiser denoiser = FakeDenoiser.outOfMemoryAbove(1_000);
        ModelCalls model = new ModelCalls(denoiser, recorded, health);
        GrayImage[] images = new GrayImage[16];
        java.util.Arrays.fill(images, clean());

        // when
        List<ModelResult> results = Bisection.denoise(model, inputs(images));

        // then the probe (784 pixels) fits, and so do the halves
        assertThat(results)
                .allSatisfy(result -> assertThat(result)
                        .isInstanceOfSatisfying(
                                ModelResult.Output.class,
                                output -> assertThat(output.batchSize()).isEqualTo(8)));
        assertThat(denoiser.callSizes()).containsExactly(16, 1, 8, 8);
    }

    @Test
    void shouldDescribeAnImageThatRunsOutOfMemoryAloneAsSuch() {
        // given a runtime with memory for the probe but not for one 40x40 image
        ModelCalls model = new ModelCalls(FakeDenoiser.outOfMemoryAbove(1_000), recorded, health);

        // when
        List<ModelResult> results = Bisection.denoise(model, List.of(input(0, new GrayImage(40, 40, new float[1600]))));

        // then
        assertThat(results.get(0))
                .isInstanceOfSatisfying(
                        ModelResult.Failure.class,
                        failure -> assertThat(failure.cause())
                                .hasMessageStartingWith("out of memory in a call of 1 images, 1600 pixels")
                                .hasMessageContaining("max.batch.pixels"));
    }

    @Test
    void shouldRecordEveryCallWhileItRuns() {
        // given
        ModelCalls model = new ModelCalls(FakeDenoiser.failingOnPoison(), recorded, health);

        // when
        Bisection.denoise(model, inputs(clean(), poison()));

        // then each call starts and ends, the failed ones too; the probe is not an image of the batch
        assertThat(recorded.events).containsExactly("start [0, 1]", "end", "start [0]", "end", "start [1]", "end");
    }

    @Test
    void shouldLeaveTheCallOnRecordWhenAnErrorStopsTheApp() {
        // given a runtime that crashes the process on the poisoned image
        ModelCalls model = new ModelCalls(FakeDenoiser.crashingOnPoison(), recorded, health);

        // when / then
        assertThatThrownBy(() -> Bisection.denoise(model, inputs(clean(), poison())))
                .isInstanceOf(FakeDenoiser.RuntimeCrash.class);
        assertThat(recorded.events).containsExactly("start [0, 1]");
        assertThat(health.broken()).isFalse();
    }

    /** Records the calls as {@code start [offsets]} and {@code end}. */
    private static final class RecordedCalls implements InFlightCalls {

        final List<String> events = new ArrayList<>();

        @Override
        public boolean suspect(SourceCoordinates image) {
            return false;
        }

        @Override
        public boolean condemned(SourceCoordinates image) {
            return false;
        }

        @Override
        public void starting(List<SourceCoordinates> images) {
            events.add("start " + images.stream().map(SourceCoordinates::offset).toList());
        }

        @Override
        public void ended() {
            events.add("end");
        }
    }

    private static List<ModelInput> inputs(GrayImage... images) {
        List<ModelInput> inputs = new ArrayList<>(images.length);
        for (int i = 0; i < images.length; i++) {
            inputs.add(input(i, images[i]));
        }
        return inputs;
    }

    private static ModelInput input(long offset, GrayImage image) {
        return new ModelInput(new SourceCoordinates("images.noisy", 0, offset), image);
    }

    private static GrayImage clean() {
        return GrayImage.fromBytes(8, 8, TestData.gradient(8, 8).pixels());
    }

    private static GrayImage poison() {
        return GrayImage.fromBytes(8, 8, TestData.poisoned(8, 8).pixels());
    }
}
