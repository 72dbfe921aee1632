package dev.tasksservice.domain.port.out;

import java.time.Instant;

/** Waits for an instant to come; a port so that tests can let time pass without waiting. */
public interface Sleeper {

    void sleepUntil(Instant instant) throws InterruptedException;
}
