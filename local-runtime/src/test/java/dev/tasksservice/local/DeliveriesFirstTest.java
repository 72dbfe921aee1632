package dev.tasksservice.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class DeliveriesFirstTest {

    private final DeliveriesFirst deliveries = new DeliveriesFirst();

    @Test
    void aRecordingWithNoDeliveryUnderWayGoesAtOnce() throws Exception {
        long started = System.nanoTime();

        deliveries.awaitQuiet();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void aRecordingWaitsUntilTheLastDeliveryUnderWayEnds() throws Exception {
        deliveries.started();
        deliveries.started();
        CountDownLatch waiting = new CountDownLatch(1);
        CompletableFuture<Void> recording = CompletableFuture.runAsync(() -> {
            waiting.countDown();
            try {
                deliveries.awaitQuiet();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        waiting.await();

        deliveries.ended();
        Thread.sleep(100);
        assertThat(recording).as("one delivery still under way").isNotDone();
        deliveries.ended();

        recording.get(1, TimeUnit.SECONDS);
        assertThat(deliveries.underWay()).isZero();
    }

    @Test
    void aRecordingWaitsAtMostTheLongestWait() throws Exception {
        deliveries.started();
        long started = System.nanoTime();

        deliveries.awaitQuiet();

        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertThat(waited).isBetween(DeliveriesFirst.MAX_WAIT, DeliveriesFirst.MAX_WAIT.plusMillis(500));
    }
}
