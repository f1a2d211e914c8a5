package io.denoiser.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadPngAndJpegFilesInNameOrderAsGreyImagesOfTheTargetSize() throws Exception {
        write("b.png", solid(56, 56, Color.WHITE), "png");
        write("a.jpg", solid(40, 20, Color.BLACK), "jpg");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        ImageSet images = DataSources.read(dir, 28, 28);

        assertThat(images.count()).isEqualTo(2);
        assertThat(images.width()).isEqualTo(28);
        assertThat(images.image(0).pixel(14, 14)).isCloseTo(0f, within(0.02f));
        assertThat(images.image(1).pixel(14, 14)).isCloseTo(1f, within(0.02f));
    }

    @Test
    void shouldConvertColourToGreyLevels() throws Exception {
        write("red.png", solid(28, 28, new Color(255, 0, 0)), "png");

        float grey = DataSources.read(dir, 28, 28).image(0).pixel(3, 3);

        assertThat(grey).isBetween(0.2f, 0.4f);
    }

    @Test
    void shouldCentreCropTheLongerSide() throws Exception {
        BufferedImage wide = solid(84, 28, Color.BLACK);
        Graphics2D g = wide.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(28, 0, 28, 28);
        g.dispose();
        write("wide.png", wide, "png");

        ImageSet images = DataSources.read(dir, 28, 28);

        assertThat(images.image(0).pixel(14, 14)).isCloseTo(1f, within(0.02f));
    }

    @Test
    void shouldChangeItsChecksumWhenAnImageChanges() throws Exception {
        write("a.png", solid(28, 28, Color.WHITE), "png");
        String before = DataSources.read(dir, 28, 28).sha256();
        write("a.png", solid(28, 28, Color.GRAY), "png");

        assertThat(DataSources.read(dir, 28, 28).sha256()).isNotEqualTo(before);
    }

    @Test
    void shouldSayWhenTheFolderHasNoImages() {
        assertThatThrownBy(() -> DataSources.read(dir, 28, 28))
                .isInstanceOf(BadDataException.class)
                .hasMessage(dir + ": no .png, .jpg or .jpeg files in this folder");
    }

    @Test
    void shouldNameTheFileThatIsNotAnImage() throws Exception {
        Path broken = dir.resolve("broken.png");
        Files.writeString(broken, "not a png");

        assertThatThrownBy(() -> DataSources.read(dir, 28, 28))
                .isInstanceOf(BadDataException.class)
                .hasMessageStartingWith(broken + ": not a readable PNG or JPEG image");
    }

    @Test
    void shouldSayWhenThePathDoesNotExist() {
        Path missing = dir.resolve("mnist/nothing");

        assertThatThrownBy(() -> DataSources.read(missing, 28, 28))
                .hasMessageContaining(
                        "no such file or folder (scripts/fetch-mnist.sh downloads MNIST into data/mnist/)");
    }

    private static BufferedImage solid(int width, int height, Color color) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height);
        g.dispose();
        return image;
    }

    private void write(String name, BufferedImage image, String format) throws Exception {
        ImageIO.write(image, format, dir.resolve(name).toFile());
    }
}
