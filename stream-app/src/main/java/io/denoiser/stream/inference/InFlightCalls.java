package io.denoiser.stream.inference;

import io.denoiser.stream.source.SourceCoordinates;
import java.util.List;

/**
 * Where a task records each model call while it runs, so that after a restart it knows which images were in a
 * call the app did not survive (a native crash, the process killed for its memory, an {@link Error} out of the
 * runtime). Why: the buffer restores the same batch, and the same call would stop the app again, at every start.
 * Such images are called one at a time; one that was alone in such a call {@link #CONDEMNED_AFTER} times is not
 * called again but dead-lettered. Used by one stream thread.
 */
public interface InFlightCalls {

    /** How many stops with an image alone in the call condemn it: one could be a kill from outside, two are not. */
    int CONDEMNED_AFTER = 2;

    /** Whether the image was in a call the app did not survive: it gets a call of its own. */
    boolean suspect(SourceCoordinates image);

    /** Whether the image was alone in {@link #CONDEMNED_AFTER} calls the app did not survive. */
    boolean condemned(SourceCoordinates image);

    /** A call of these images starts. */
    void starting(List<SourceCoordinates> images);

    /** The call ended, with outputs or with a failure the app handles. */
    void ended();

    /** Records nothing and suspects nothing. */
    static InFlightCalls none() {
        return new InFlightCalls() {
            @Override
            public boolean suspect(SourceCoordinates image) {
                return false;
            }

            @Override
            public boolean condemned(SourceCoordinates image) {
                return false;
            }

            @Override
            public void starting(List<SourceCoordinates> images) {}

            @Override
            public void ended() {}
        };
    }
}
