package dev.tasksservice.functions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The three scheduler functions; on AWS each Lambda picks one with {@code spring.cloud.function.definition}. */
@SpringBootApplication
public class SchedulerFunctionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SchedulerFunctionsApplication.class, args);
    }
}
