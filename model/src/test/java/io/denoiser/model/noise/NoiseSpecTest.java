package io.denoiser.model.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.denoiser.model.TestImages;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NoiseSpecTest {

    @Test
    void shouldParseKindAndAmountAndPrintThemBack() {
        NoiseSpec spec = NoiseSpec.parse("gaussian:0.5");

        assertThat(spec).isEqualTo(NoiseSpec.DEFAULT);
        assertThat(spec.toString()).isEqualTo("gaussian:0.5");
        assertThat(NoiseSpec.parse("salt-pepper:0.1").kind()).isEqualTo(NoiseSpec.Kind.SALT_PEPPER);
        assertThat(NoiseSpec.parse("none").amount()).isZero();
    }

    @Test
    void shouldExplainWhatIsWrongWithABadSpec() {
        assertThatThrownBy(() -> NoiseSpec.parse("pink:0.5")).hasMessageContaining("unknown noise kind 'pink'");
        assertThatThrownBy(() -> NoiseSpec.parse("gaussian")).hasMessageContaining("needs an amount");
        assertThatThrownBy(() -> NoiseSpec.parse("gaussian:lots")).hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> NoiseSpec.parse("salt-pepper:2")).hasMessageContaining("probability in [0, 1]");
        assertThatThrownBy(() -> NoiseSpec.parse("speckle:-1")).hasMessageContaining(">= 0");
    }

    @Test
    void shouldAddGaussianNoiseOfTheGivenStandardDeviationBeforeClipping() {
        float[] grey = TestImages.constant(200, 200, 0.5f).pixels();

        float[] noisy = new NoiseSpec(NoiseSpec.Kind.GAUSSIAN, 0.1).apply(grey, new SplittableRandom(1));

        double mean = 0;
        double squares = 0;
        for (float v : noisy) {
            mean += v - 0.5;
            squares += (v - 0.5) * (v - 0.5);
        }
        mean /= noisy.length;
        assertThat(mean).isCloseTo(0, within(0.002));
        assertThat(Math.sqrt(squares / noisy.length)).isCloseTo(0.1, within(0.002));
    }

    @Test
    void shouldClipEveryKindIntoTheUnitRange() {
        float[] clean = TestImages.random(64, 64, 3).pixels();
        for (String spec : new String[] {"gaussian:3", "speckle:5", "salt-pepper:0.5"}) {
            float[] noisy = NoiseSpec.parse(spec).apply(clean, new SplittableRandom(2));
            for (float v : noisy) {
                assertThat(v).as(spec).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void shouldTurnAboutTheGivenFractionOfPixelsToSaltOrPepper() {
        float[] grey = TestImages.constant(100, 100, 0.5f).pixels();

        float[] noisy = new NoiseSpec(NoiseSpec.Kind.SALT_PEPPER, 0.2).apply(grey, new SplittableRandom(4));

        long changed = 0;
        for (float v : noisy) {
            if (v != 0.5f) {
                changed++;
            }
        }
        assertThat(changed / (double) noisy.length).isCloseTo(0.2, within(0.02));
    }

    @Test
    void shouldProduceTheSameNoiseFromTheSameSeed() {
        float[] clean = TestImages.random(28, 28, 5).pixels();

        assertThat(NoiseSpec.DEFAULT.apply(clean, new SplittableRandom(9)))
                .containsExactly(NoiseSpec.DEFAULT.apply(clean, new SplittableRandom(9)));
    }
}
