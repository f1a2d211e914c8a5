package io.denoiser.stream.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.denoiser.stream.fixtures.FakeDenoiser;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The holder of the serving model: swaps between batches, closes each old model once after its last batch. */
class LiveModelTest {

    private final List<String> closed = new CopyOnWriteArrayList<>();

    @Test
    void shouldFinishABatchInProgressOnTheModelItStartedWith() {
        LiveModel live = new LiveModel(model("v1"));
        ModelLease batchInProgress = live.lease();

        live.swapTo(model("v2"));

        assertThat(batchInProgress.version()).isEqualTo("v1");
        assertThat(closed).as("v1 still serves the batch in progress").isEmpty();
        try (ModelLease nextBatch = live.lease()) {
            assertThat(nextBatch.version()).isEqualTo("v2");
            assertThat(nextBatch.generation()).isEqualTo(2);
        }
        batchInProgress.close();
        assertThat(closed).containsExactly("v1");
    }

    @Test
    void shouldCloseAReplacedModelAtOnceWhenNoBatchUsesIt() {
        LiveModel live = new LiveModel(model("v1"));
        live.lease().close();

        live.swapTo(model("v2"));

        assertThat(closed).containsExactly("v1");
        assertThat(live.version()).isEqualTo("v2");
    }

    @Test
    void shouldCloseTheLastModelWhenClosedAndRefuseLeasesAfterwards() {
        LiveModel live = new LiveModel(model("v1"));
        live.swapTo(model("v2"));

        live.close();
        live.close();

        assertThat(closed).containsExactly("v1", "v2");
        assertThatThrownBy(live::lease).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> live.swapTo(model("v3"))).isInstanceOf(IllegalStateException.class);
        assertThat(closed)
                .as("a model offered after close is closed, not leaked")
                .contains("v3");
    }

    @Test
    void shouldNeverHandAThreadAnOlderGenerationAndCloseEveryReplacedModelExactlyOnce() throws InterruptedException {
        LiveModel live = new LiveModel(model("v1"));
        AtomicBoolean swapping = new AtomicBoolean(true);
        AtomicInteger backwards = new AtomicInteger();
        AtomicInteger leasedAfterClose = new AtomicInteger();
        List<Thread> tasks = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread task = new Thread(() -> {
                long last = 0;
                while (swapping.get()) {
                    try (ModelLease lease = live.lease()) {
                        if (lease.generation() < last) {
                            backwards.incrementAndGet();
                        }
                        if (closed.contains(lease.version())) {
                            leasedAfterClose.incrementAndGet();
                        }
                        last = lease.generation();
                    }
                }
            });
            task.start();
            tasks.add(task);
        }
        int swaps = 2_000;
        for (int i = 2; i <= swaps + 1; i++) {
            live.swapTo(model("v" + i));
        }
        swapping.set(false);
        for (Thread task : tasks) {
            task.join();
        }
        live.close();

        assertThat(backwards.get())
                .as("leases of an older generation after a newer one")
                .isZero();
        assertThat(leasedAfterClose.get())
                .as("leases of a model already closed")
                .isZero();
        assertThat(closed).hasSize(swaps + 1).doesNotHaveDuplicates();
    }

    @Test
    void shouldGiveEachTaskANewDenoiserOnceAndCloseItsOldOneAtItsFirstBatchOnTheNewModel() {
        List<FakeDenoiser> made = new ArrayList<>();
        LiveModel live = new LiveModel(model("v1", made));
        TaskModel task = TaskModel.open(live, "0_0");
        try (TaskModel.Flush first = task.startFlush()) {
            assertThat(first.version()).isEqualTo("v1");
            live.swapTo(model("v2", made));
            assertThat(first.denoiser()).isSameAs(made.get(0));
        }
        assertThat(made.get(0).isClosed())
                .as("closed at the next batch, not before")
                .isFalse();

        try (TaskModel.Flush second = task.startFlush()) {
            assertThat(second.version()).isEqualTo("v2");
            assertThat(second.denoiser()).isSameAs(made.get(1));
            assertThat(second.reconstructions()).isNotNull();
        }
        try (TaskModel.Flush third = task.startFlush()) {
            assertThat(third.denoiser()).as("one denoiser per task and model").isSameAs(made.get(1));
        }
        task.close();

        assertThat(made)
                .hasSize(2)
                .allSatisfy(denoiser -> assertThat(denoiser.isClosed()).isTrue());
        assertThat(closed).containsExactly("v1");
    }

    private ServingModel model(String version) {
        return model(version, new ArrayList<>());
    }

    private ServingModel model(String version, List<FakeDenoiser> made) {
        return new ServingModel(
                version,
                "fake",
                1,
                () -> {
                    FakeDenoiser denoiser = FakeDenoiser.identity();
                    made.add(denoiser);
                    return denoiser;
                },
                () -> closed.add(version));
    }
}
