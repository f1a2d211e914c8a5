package io.denoiser.tools;

import io.denoiser.model.data.IdxImages;
import io.denoiser.model.data.ImageFolder;
import io.denoiser.model.data.ImageSet;
import io.denoiser.testkit.SourceImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Images to publish from what users have at hand: PNG/JPEG files (at their own size, converted to
 * grey), folders of them, and IDX image files (MNIST, Fashion-MNIST; raw or .gz). Ids are the file
 * names without extension, or {@code t10k-00042} for the 43rd image of {@code t10k-images-idx3-ubyte}.
 */
public final class ImageInputs {

    private ImageInputs() {}

    /**
     * Reads the images of the given files and folders, in order, and returns {@code count} of them.
     *
     * @param count how many images to return: 0 for all of them; more than there are repeats them,
     *              each repetition under ids of its own ({@code mnist-00042~1})
     * @throws ToolException naming the path when one is missing or holds no images
     * @throws io.denoiser.model.data.BadDataException naming the file when one cannot be read
     */
    public static List<SourceImage> read(List<Path> paths, int count) {
        List<SourceImage> found = new ArrayList<>();
        for (Path path : paths) {
            found.addAll(readOne(path));
        }
        if (found.isEmpty()) {
            throw new ToolException("no images in " + paths);
        }
        if (count <= 0 || count == found.size()) {
            return found;
        }
        List<SourceImage> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            SourceImage image = found.get(i % found.size());
            int round = i / found.size();
            chosen.add(round == 0 ? image : new SourceImage(image.id() + "~" + round, image.image()));
        }
        return chosen;
    }

    private static List<SourceImage> readOne(Path path) {
        if (Files.isDirectory(path)) {
            List<Path> files = ImageFolder.imageFiles(path);
            if (files.isEmpty()) {
                throw new ToolException(path + ": no .png, .jpg or .jpeg files in this folder");
            }
            return files.stream().map(ImageInputs::imageFile).toList();
        }
        if (!Files.exists(path)) {
            throw new ToolException(path + ": no such file or folder");
        }
        if (ImageFolder.isImage(path)) {
            return List.of(imageFile(path));
        }
        return idxImages(path);
    }

    private static SourceImage imageFile(Path file) {
        String name = file.getFileName().toString();
        return new SourceImage(name.substring(0, name.lastIndexOf('.')), ImageFolder.readGrey(file));
    }

    private static List<SourceImage> idxImages(Path file) {
        ImageSet images = IdxImages.readImages(file);
        String stem = file.getFileName()
                .toString()
                .toLowerCase(Locale.ROOT)
                .replaceFirst("\\.gz$", "")
                .replaceFirst("(-images)?-idx3-ubyte$", "");
        List<SourceImage> result = new ArrayList<>(images.count());
        for (int i = 0; i < images.count(); i++) {
            result.add(new SourceImage(String.format(Locale.ROOT, "%s-%05d", stem, i), images.image(i)));
        }
        return result;
    }
}
