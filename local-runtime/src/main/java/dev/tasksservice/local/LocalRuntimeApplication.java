package dev.tasksservice.local;

import dev.tasksservice.api.TasksApiApplication;
import dev.tasksservice.functions.SchedulerFunctionsApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The whole service in one JVM: the REST API, the three scheduler functions, SQS on embedded ElasticMQ, an in-process
 * timer in place of the Step Functions wait, and the poller on a schedule in place of the EventBridge rule.
 */
@SpringBootApplication
@Import({TasksApiApplication.class, SchedulerFunctionsApplication.class})
@EnableScheduling
public class LocalRuntimeApplication {

    public static void main(String[] args) {
        SpringApplication.run(LocalRuntimeApplication.class, args);
    }
}
