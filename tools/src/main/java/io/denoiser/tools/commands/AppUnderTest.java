package io.denoiser.tools.commands;

import io.denoiser.stream.app.StreamApp;
import io.denoiser.stream.app.StreamAppLifecycle;
import io.denoiser.stream.config.StreamAppConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The stream app a benchmark measures: in this process beside the in-process broker (a one-box deployment), or in
 * a process of its own when the broker is the user's, so that the app's CPU time can be told apart from the
 * benchmark's producer and consumer.
 */
interface AppUnderTest extends AutoCloseable {

    /**
     * Starts the app on {@code settings} (as {@code run --config} takes them).
     *
     * @param inProcess whether the app runs in this JVM
     * @param folder    where an app of its own keeps its settings file and its output
     */
    static AppUnderTest start(Map<String, String> settings, boolean inProcess, Path folder) {
        if (!inProcess) {
            AppProcess process = AppProcess.start(settings, folder);
            return new AppUnderTest() {
                @Override
                public OptionalLong cpuNanos() {
                    return OptionalLong.of(process.cpuNanos());
                }

                @Override
                public void requireRunning() {
                    process.requireRunning();
                }

                @Override
                public void close() {
                    process.close();
                    ToolApps.deleteQuietly(folder);
                }
            };
        }
        StreamAppLifecycle app = StreamApp.assemble(StreamAppConfig.from(settings));
        try {
            app.start();
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        return new AppUnderTest() {
            @Override
            public OptionalLong cpuNanos() {
                return OptionalLong.empty();
            }

            @Override
            public void requireRunning() {}

            @Override
            public void close() {
                app.close();
            }
        };
    }

    /** CPU time of the app's own process so far; empty when it shares this process. */
    OptionalLong cpuNanos();

    /** Fails, saying why, when the app has stopped. */
    void requireRunning();

    @Override
    void close();
}
