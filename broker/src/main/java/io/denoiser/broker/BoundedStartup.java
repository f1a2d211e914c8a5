package io.denoiser.broker;

import java.net.BindException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaRaftServer;

/**
 * Starts a {@link KafkaRaftServer} with a time limit.
 *
 * <p>Kafka's own limit, {@code server.max.startup.time.ms}, halts the JVM when it expires, and
 * its startup can otherwise wait indefinitely (e.g. to be unfenced), so the startup runs in its
 * own daemon thread. A server that is still starting is not stopped at once: a shutdown racing
 * the startup leaves {@code awaitShutdown} blocked forever. It is stopped, and its resources
 * released, once its startup has finished.
 */
final class BoundedStartup {

    private BoundedStartup() {}

    /**
     * @param releaseLate run after a server that missed the deadline has finished starting and
     *     has been stopped, in the startup thread
     * @throws PortTakenException if a listener port was taken; the server is stopped
     * @throws StartupAbandonedException if the server has not started by {@code deadline}, or
     *     the wait was interrupted
     * @throws IllegalStateException if the startup failed; the server is stopped
     */
    static void start(KafkaRaftServer server, Instant deadline, Runnable releaseLate) {
        CompletableFuture<Void> started = new CompletableFuture<>();
        Thread starter = new Thread(
                () -> {
                    try {
                        server.startup();
                        started.complete(null);
                    } catch (Throwable t) {
                        started.completeExceptionally(t);
                    }
                },
                "embedded-kafka-startup");
        starter.setDaemon(true);
        starter.start();
        try {
            started.get(millisUntil(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            releaseWhenStarted(started, server, releaseLate);
            throw new StartupAbandonedException("the server is still starting", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            stopQuietly(server);
            if (hasCause(cause, BindException.class)) {
                throw new PortTakenException(cause);
            }
            throw new IllegalStateException("Kafka broker failed to start: " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            releaseWhenStarted(started, server, releaseLate);
            throw new StartupAbandonedException("interrupted while waiting for the server", e);
        }
    }

    /** Stops the server and runs {@code releaseLate} once its startup has finished, successfully or not. */
    private static void releaseWhenStarted(
            CompletableFuture<Void> started, KafkaRaftServer server, Runnable releaseLate) {
        // nobody waits for this clean-up: the caller has already given up on the server and is reporting that
        CompletableFuture<Void> unusedCleanup = started.whenComplete((ignored, failure) -> {
            stopQuietly(server);
            releaseLate.run();
        });
    }

    /** Stops a server whose startup has finished, successfully or not. */
    static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException ignored) {
            // best effort: the caller is already reporting a failure
        }
    }

    private static long millisUntil(Instant deadline) {
        return Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    private static boolean hasCause(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A listener port was taken by someone else between picking it and binding it. */
    static final class PortTakenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortTakenException(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** The caller stopped waiting for the startup; resources are released in the background. */
    static final class StartupAbandonedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StartupAbandonedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
