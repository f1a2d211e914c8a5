package io.denoiser.model.pictures;

import io.denoiser.model.image.GrayImage;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A picture of rows of images side by side, each row labelled: e.g. noisy, denoised and clean
 * versions of the same test images, enlarged so that a person can see the difference.
 */
public final class SampleGrid {

    private static final int LABEL_WIDTH = 90;
    private static final int GAP = 4;

    private SampleGrid() {}

    public record Row(String label, List<GrayImage> images) {}

    public static BufferedImage render(List<Row> rows, int scale) {
        if (rows.isEmpty() || rows.get(0).images().isEmpty()) {
            throw new IllegalArgumentException("a sample grid needs at least one row with one image");
        }
        int columns = rows.get(0).images().size();
        int cell = 0;
        for (Row row : rows) {
            if (row.images().size() != columns) {
                throw new IllegalArgumentException("every row needs " + columns + " images, row '" + row.label()
                        + "' has " + row.images().size());
            }
            for (GrayImage image : row.images()) {
                cell = Math.max(cell, Math.max(image.width(), image.height()) * scale);
            }
        }
        int width = LABEL_WIDTH + columns * (cell + GAP) + GAP;
        int height = rows.size() * (cell + GAP) + GAP;
        BufferedImage picture = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        for (int r = 0; r < rows.size(); r++) {
            int top = GAP + r * (cell + GAP);
            g.setColor(Color.DARK_GRAY);
            g.drawString(rows.get(r).label(), 8, top + cell / 2 + 5);
            for (int c = 0; c < columns; c++) {
                draw(picture, rows.get(r).images().get(c), LABEL_WIDTH + c * (cell + GAP), top, scale);
            }
        }
        g.dispose();
        return picture;
    }

    private static void draw(BufferedImage picture, GrayImage image, int left, int top, int scale) {
        byte[] levels = image.toBytes();
        for (int y = 0; y < image.height() * scale; y++) {
            for (int x = 0; x < image.width() * scale; x++) {
                int level = levels[(y / scale) * image.width() + x / scale] & 0xFF;
                picture.setRGB(left + x, top + y, (level << 16) | (level << 8) | level);
            }
        }
    }
}
