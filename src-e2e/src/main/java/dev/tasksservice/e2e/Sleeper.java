package dev.tasksservice.e2e;

import java.time.Duration;

/** Waits; the checks use the thread's sleep, their tests a clock they move forward. */
@FunctionalInterface
interface Sleeper {

    Sleeper THREAD = Thread::sleep;

    void sleep(Duration duration) throws InterruptedException;
}
