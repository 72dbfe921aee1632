package dev.tasksservice.local;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Where many tasks fall due at once in one JVM, sending them comes before recording what became of them: each
 * recording waits, a bounded time, until no delivery is under way. On 2 cores a recording (a DynamoDB write) costs
 * several times the CPU of a delivery, so recordings run between the deliveries would make the last of them late. On
 * Lambda, where one process runs one attempt, there is nothing to wait for, so this lives in the local runtime only.
 */
final class DeliveriesFirst {

    /** The longest a recording waits for deliveries under way. */
    static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition quiet = lock.newCondition();
    private int underWay;

    void started() {
        lock.lock();
        try {
            underWay++;
        } finally {
            lock.unlock();
        }
    }

    void ended() {
        lock.lock();
        try {
            if (--underWay == 0) {
                quiet.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no delivery is under way, at most {@link #MAX_WAIT}. */
    void awaitQuiet() throws InterruptedException {
        lock.lock();
        try {
            long left = MAX_WAIT.toNanos();
            while (underWay > 0 && left > 0) {
                left = quiet.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /** How many deliveries are under way. */
    int underWay() {
        lock.lock();
        try {
            return underWay;
        } finally {
            lock.unlock();
        }
    }
}
