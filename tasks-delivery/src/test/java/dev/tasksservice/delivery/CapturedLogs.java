package dev.tasksservice.delivery;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the delivery logged while a test ran (SLF4J logs through java.util.logging in these tests). */
final class CapturedLogs extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private CapturedLogs(Logger logger) {
        this.logger = logger;
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Captures what the delivery's loggers log, from now until closed. */
    static CapturedLogs ofDelivery() {
        return new CapturedLogs(Logger.getLogger("dev.tasksservice.delivery"));
    }

    List<String> lines() {
        return records.stream()
                .map(record -> record.getLevel() + " " + record.getMessage())
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
