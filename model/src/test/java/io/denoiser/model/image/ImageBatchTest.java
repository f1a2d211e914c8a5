package io.denoiser.model.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.model.TestImages;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class ImageBatchTest {

    @Test
    void shouldLayImagesOutAsNchwRowMajorAndBackUnchanged() {
        GrayImage first = TestImages.random(5, 3, 1);
        GrayImage second = TestImages.random(5, 3, 2);

        INDArray tensor = ImageBatch.toTensor(List.of(first, second));

        assertThat(tensor.shape()).containsExactly(2, 1, 3, 5);
        assertThat(tensor.getFloat(1, 0, 2, 4)).isEqualTo(second.pixel(4, 2));
        assertThat(tensor.getFloat(0, 0, 1, 3)).isEqualTo(first.pixel(3, 1));
        assertThat(ImageBatch.toImages(tensor)).containsExactly(first, second);
    }

    @Test
    void shouldRefuseImagesOfDifferentShapesInOneBatch() {
        List<GrayImage> mixed = List.of(TestImages.random(4, 4, 1), TestImages.random(4, 8, 2));

        assertThatThrownBy(() -> ImageBatch.toTensor(mixed))
                .hasMessage("all images of a batch must have one shape: image 1 is 4x8, image 0 is 4x4");
    }

    @Test
    void shouldRefuseAnEmptyBatch() {
        assertThatThrownBy(() -> ImageBatch.toTensor(List.of())).hasMessage("a batch needs at least one image");
    }
}
