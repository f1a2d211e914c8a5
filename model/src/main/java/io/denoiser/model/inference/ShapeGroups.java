package io.denoiser.model.inference;

import io.denoiser.model.image.GrayImage;
import io.denoiser.model.image.Padding;
import io.denoiser.model.network.DenoisingAutoencoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs a same-shape batch function over images of any sizes (none gives none): pads each image to sides divisible by 4,
 * groups equal padded shapes into one batch each, and crops the results back, in input order.
 */
final class ShapeGroups {

    private ShapeGroups() {}

    static List<GrayImage> apply(List<GrayImage> inputs, Function<List<GrayImage>, List<GrayImage>> sameShapeBatch) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        List<GrayImage> padded = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            GrayImage image = Padding.padToMultiple(inputs.get(i), DenoisingAutoencoder.SIDE_MULTIPLE);
            padded.add(image);
            groups.computeIfAbsent(((long) image.width() << 32) | image.height(), k -> new ArrayList<>())
                    .add(i);
        }
        GrayImage[] results = new GrayImage[inputs.size()];
        for (List<Integer> indices : groups.values()) {
            List<GrayImage> batch = new ArrayList<>(indices.size());
            for (int index : indices) {
                batch.add(padded.get(index));
            }
            List<GrayImage> outputs = sameShapeBatch.apply(batch);
            for (int j = 0; j < indices.size(); j++) {
                GrayImage input = inputs.get(indices.get(j));
                results[indices.get(j)] = Padding.crop(outputs.get(j), input.width(), input.height());
            }
        }
        return Arrays.asList(results);
    }
}
