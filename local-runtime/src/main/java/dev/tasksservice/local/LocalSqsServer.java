package dev.tasksservice.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ElasticMQ in a process of its own, on 127.0.0.1, for local runtimes that share one queue: each is started with
 * {@code TASKS_LOCAL_SQS_ENDPOINT} set to the address this prints, so a runtime killed leaves the queue to the others.
 * Started from the runtime's jar: {@code java -Dloader.main=dev.tasksservice.local.LocalSqsServer -cp
 * local-runtime-exec.jar org.springframework.boot.loader.launch.PropertiesLauncher <port>}; runs until it is stopped.
 * Its queues live in memory, as the embedded server's do.
 */
public final class LocalSqsServer {

    private static final Logger log = LoggerFactory.getLogger(LocalSqsServer.class);

    private LocalSqsServer() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1 || !args[0].matches("\\d{1,5}")) {
            System.err.println("usage: LocalSqsServer <port> (0: a free one)");
            System.exit(2);
        }
        quietLogging();
        EmbeddedSqs server = EmbeddedSqs.start(Integer.parseInt(args[0]), "127.0.0.1");
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "local-sqs-stop"));
        log.info("SQS server listening at {}", server.endpoint());
        Thread.currentThread().join();
    }

    /** Outside Spring Boot nothing configures Logback, whose default is to print every debug line of Pekko. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }
}
