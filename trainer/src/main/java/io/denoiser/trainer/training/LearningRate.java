package io.denoiser.trainer.training;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The learning-rate schedule over epochs: {@code constant} (Keras' Adam 1e-3 throughout) or
 * {@code cosine} (from the initial rate down to 1% of it at the last epoch, which reaches a given
 * quality in fewer epochs).
 */
public enum LearningRate {
    CONSTANT,
    COSINE;

    static final double COSINE_FLOOR = 0.01;

    public static LearningRate parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown learning-rate schedule '" + text + "': use constant or cosine", e);
        }
    }

    public ISchedule schedule(double initial, int epochs) {
        if (this == CONSTANT || epochs <= 1) {
            return new FixedSchedule(initial);
        }
        Map<Integer, Double> byEpoch = new HashMap<>();
        for (int epoch = 0; epoch < epochs; epoch++) {
            byEpoch.put(epoch, rateAt(initial, epoch, epochs));
        }
        return new MapSchedule(ScheduleType.EPOCH, byEpoch);
    }

    static double rateAt(double initial, int epoch, int epochs) {
        double progress = (double) epoch / (epochs - 1);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return initial * (COSINE_FLOOR + (1 - COSINE_FLOOR) * cosine);
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
