package io.denoiser.stream.models;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a {@link ModelRepository} every {@code model.poll.interval.ms} on a thread of its own and offers the
 * {@linkplain ModelRepository#wanted wanted} version to the {@link ModelRollout} when it changes. A version is
 * offered once per change (of choice or of its {@code model.json}): a refused one is not retried every poll.
 */
public final class RepositoryWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepositoryWatch.class);

    private final ModelRepository repository;
    private final ModelRollout rollout;
    private final ScheduledExecutorService poller;
    private Optional<ModelRepository.Choice> offered;

    private RepositoryWatch(ModelRepository repository, ModelRollout rollout, Optional<ModelRepository.Choice> served) {
        this.repository = Objects.requireNonNull(repository, "repository");
        this.rollout = Objects.requireNonNull(rollout, "rollout");
        this.offered = served;
        this.poller = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "model-repository-watch");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts polling.
     *
     * @param served the choice that serves now, not offered again
     */
    public static RepositoryWatch start(
            ModelRepository repository, ModelRollout rollout, Optional<ModelRepository.Choice> served, Duration every) {
        RepositoryWatch watch = new RepositoryWatch(repository, rollout, served);
        // pollSafely catches what a poll throws, so the returned future never holds an exception to read
        var unused = watch.poller.scheduleWithFixedDelay(
                watch::pollSafely, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("watching the model repository {} every {} ms", repository.folder(), every.toMillis());
        return watch;
    }

    /** One poll, on the caller's thread: for tests. */
    synchronized ModelRollout.Outcome poll() {
        Optional<ModelRepository.Choice> wanted = repository.wanted();
        if (wanted.isEmpty() || wanted.equals(offered)) {
            return ModelRollout.Outcome.ALREADY_SERVING;
        }
        offered = wanted;
        return rollout.offer(wanted.get().candidate(repository.folder()));
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.warn("cannot poll the model repository {}: {}", repository.folder(), e.getMessage());
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            if (!poller.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the model repository watch did not stop within 30 s (a candidate still loading)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
