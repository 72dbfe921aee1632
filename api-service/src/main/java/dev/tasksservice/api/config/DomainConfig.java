package dev.tasksservice.api.config;

import dev.tasksservice.domain.TaskScheduling;
import dev.tasksservice.domain.TaskStore;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DomainConfig {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    TaskScheduling taskScheduling(TaskStore store, TasksProperties properties, Clock clock) {
        return new TaskScheduling(store, properties.schedulingPolicy(), clock);
    }
}
