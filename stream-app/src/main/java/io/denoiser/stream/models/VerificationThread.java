package io.denoiser.stream.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that verifies candidate models, at the lowest CPU priority the operating system grants a process
 * without privileges (Linux: nice 19, set with {@code renice} on the thread's own id). Why: a verification is
 * about 0.2 core-seconds of network restoring and inference (docs/BENCHMARKS.md, Model swaps); at normal priority
 * on cores the stream threads keep busy it takes them for that long, and batches slow down by a fifth. At nice
 * 19 it gets about 1.5% of a contended core and the stream threads keep theirs: the rollout waits, the images do
 * not. Threads the verification starts (ONNX Runtime's intra-op pool of a session it opens, OpenMP teams) inherit
 * the priority, so nothing that serves may be created here. Where the priority cannot be lowered (not Linux, no
 * {@code renice}), it runs at normal priority and says so once.
 */
final class VerificationThread implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationThread.class);

    /** How the verifying thread runs. */
    enum Priority {
        /** Yields the cores to everything else (the default). */
        BACKGROUND,
        /** Competes with the stream threads; for comparison in the swap soak. */
        NORMAL
    }

    private final ExecutorService executor;

    VerificationThread(Priority priority) {
        this.executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(
                    () -> {
                        if (priority == Priority.BACKGROUND) {
                            lowerPriorityOfThisThread();
                        }
                        runnable.run();
                    },
                    "model-verification");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the work on the verifying thread and waits for it.
     *
     * @throws RuntimeException what the work threw, as it threw it
     */
    <T> T run(Callable<T> work) {
        try {
            return executor.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CandidateRefusedException("interrupted while verifying", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("the model verification did not end within 10 s of the close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void lowerPriorityOfThisThread() {
        String outcome;
        try {
            // "<pid>/task/<tid>": the kernel's id of this very thread, which renice takes as a process id
            String threadId = Files.readSymbolicLink(Path.of("/proc/thread-self"))
                    .getFileName()
                    .toString();
            Process renice = new ProcessBuilder("renice", "-n", "19", "-p", threadId)
                    .redirectErrorStream(true)
                    .start();
            String said = new String(renice.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (renice.waitFor(10, TimeUnit.SECONDS) && renice.exitValue() == 0) {
                LOG.debug("model verification runs at nice 19 (thread {})", threadId);
                return;
            }
            outcome = "renice said: " + said;
        } catch (IOException | UnsupportedOperationException e) {
            outcome = e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = "interrupted";
        }
        LOG.info(
                "model verification runs at normal CPU priority ({}): a swap may slow the stream threads while"
                        + " it verifies",
                outcome);
    }
}
