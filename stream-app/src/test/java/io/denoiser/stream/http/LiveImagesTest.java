package io.denoiser.stream.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.denoiser.schemas.image.DecodedImage;
import io.denoiser.schemas.image.ImageEncoder;
import io.denoiser.schemas.records.ImageEncoding;
import io.denoiser.schemas.records.Reconstruction;
import io.denoiser.stream.fixtures.TestData;
import io.denoiser.stream.source.InputRecord;
import io.denoiser.stream.source.SourceCoordinates;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LiveImagesTest {

    private final LiveImages images = new LiveImages(250);

    @Test
    void shouldKeepAtMostOneImagePerPeriodAndOnlyTheLatest() {
        for (int i = 0; i < 100; i++) {
            images.reconstructionPublished(input("img-" + i), reconstruction("img-" + i), 1_000L + i * 50L);
        }

        // 100 images over 5 s, one kept every 250 ms: 20 sampled, the last 6 kept, newest first
        assertThat(images.latest())
                .extracting(sample -> sample.get("id"))
                .containsExactly("img-95", "img-90", "img-85", "img-80", "img-75", "img-70");
    }

    @Test
    void shouldShowTheNoisyDenoisedAndReferenceImagesAsPngs() {
        images.reconstructionPublished(input("img-1"), reconstruction("img-1"), 2_000);

        Map<String, Object> sample = images.latest().get(0);

        assertThat(sample)
                .containsEntry("id", "img-1")
                .containsEntry("width", 8)
                .containsEntry("psnr", 21.5)
                .containsKeys("noisy", "denoised", "reference");
        assertThat((String) sample.get("noisy")).startsWith("data:image/png;base64,iVBORw0KGgo");
        assertThat((String) sample.get("reference")).startsWith("data:image/png;base64,");
        assertThat(sample.get("noisy")).isNotEqualTo(sample.get("reference"));
    }

    private static InputRecord input(String id) {
        DecodedImage noisy = TestData.gradient(8, 8);
        byte[] json = TestData.json(TestData.noisyImageWithReference(id, noisy, TestData.shifted(noisy, 40)));
        return new InputRecord(new SourceCoordinates("images.noisy", 0, 1), null, json, TestData.NEW_YEAR_2026);
    }

    private static Reconstruction reconstruction(String id) {
        String data = ImageEncoder.encode(TestData.inverted(TestData.gradient(8, 8)), ImageEncoding.RAW_U8);
        return new Reconstruction(id, 8, 8, ImageEncoding.RAW_U8, data, "m", TestData.NEW_YEAR_2026, 0, 1, 21.5, 0.9);
    }
}
