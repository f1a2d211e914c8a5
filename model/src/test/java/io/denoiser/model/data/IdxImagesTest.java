package io.denoiser.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxImagesTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheCommittedMnistFixtures() {
        ImageSet images = IdxImages.readImages(DataFixtures.mnistImages());

        assertThat(images.count()).isEqualTo(500);
        assertThat(images.width()).isEqualTo(28);
        assertThat(images.height()).isEqualTo(28);
        assertThat(images.sha256()).isEqualTo("e58eb68460aef3b71fd238f385082728ee01c28ac874d94aee1af65952e70bc6");
        for (float pixel : images.pixels()) {
            assertThat(pixel).isBetween(0f, 1f);
        }
    }

    @Test
    void shouldReadLabelsAndMatchThemToImages() {
        ImageSet images = IdxImages.readImages(DataFixtures.mnistImages());

        byte[] labels = IdxImages.readLabels(DataFixtures.mnistLabels(), images);

        assertThat(labels).hasSize(500).startsWith(7, 2, 1, 0, 4);
    }

    @Test
    void shouldReadRawAndGzipFilesAlike() throws Exception {
        Path raw = DataFixtures.idx(dir.resolve("raw-idx3-ubyte"), IdxImages.IMAGES_MAGIC, new int[] {3, 4, 5}, 60);

        ImageSet fromRaw = IdxImages.readImages(raw);
        ImageSet fromGzip = IdxImages.readImages(DataFixtures.gzip(raw, dir.resolve("raw-idx3-ubyte.gz")));

        assertThat(fromGzip.count()).isEqualTo(3);
        assertThat(fromGzip.width()).isEqualTo(5);
        assertThat(fromGzip.pixels()).containsExactly(fromRaw.pixels());
    }

    @Test
    void shouldNameTheMissingFile() {
        Path missing = dir.resolve("train-images-idx3-ubyte");

        assertThatThrownBy(() -> IdxImages.readImages(missing))
                .isInstanceOf(BadDataException.class)
                .hasMessage(missing + ": file not found (scripts/fetch-mnist.sh downloads MNIST)");
    }

    @Test
    void shouldRejectAWrongMagicNumberAndSayWhatTheFileIs() throws Exception {
        Path labels = DataFixtures.idx(dir.resolve("labels"), IdxImages.LABELS_MAGIC, new int[] {3}, 3);

        assertThatThrownBy(() -> IdxImages.readImages(labels))
                .isInstanceOf(BadDataException.class)
                .hasMessage(labels + ": not an IDX image file: magic number 0x00000801, expected 0x00000803"
                        + " (this is a label file)");
    }

    @Test
    void shouldRejectATruncatedBody() throws Exception {
        Path truncated =
                DataFixtures.idx(dir.resolve("truncated"), IdxImages.IMAGES_MAGIC, new int[] {10, 28, 28}, 1000);

        assertThatThrownBy(() -> IdxImages.readImages(truncated))
                .hasMessage(truncated + ": truncated: header declares 7840 bytes of images, the file holds 1000");
    }

    @Test
    void shouldRejectAFileThatEndsInsideItsHeader() throws Exception {
        Path stub = dir.resolve("stub");
        Files.write(stub, new byte[] {0, 0, 8, 3, 0, 0});

        assertThatThrownBy(() -> IdxImages.readImages(stub))
                .hasMessage(stub + ": truncated: the file ends inside its header");
    }

    @Test
    void shouldRejectLabelsWhoseCountDoesNotMatchTheImages() throws Exception {
        ImageSet images = IdxImages.readImages(DataFixtures.mnistImages());
        Path labels = DataFixtures.idx(dir.resolve("labels"), IdxImages.LABELS_MAGIC, new int[] {499}, 499);

        assertThatThrownBy(() -> IdxImages.readLabels(labels, images))
                .hasMessage(
                        labels + ": size mismatch: 499 labels for 500 images in mnist-test-500-images-idx3-ubyte.gz");
    }
}
