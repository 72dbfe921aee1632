package dev.tasksservice.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.domain.ClockSleeper;
import dev.tasksservice.domain.DispatchDueTasks;
import dev.tasksservice.domain.DispatchQueue;
import dev.tasksservice.domain.ExecuteTask;
import dev.tasksservice.domain.Sleeper;
import dev.tasksservice.domain.StartTaskWorkflow;
import dev.tasksservice.domain.TaskAction;
import dev.tasksservice.domain.TaskStore;
import dev.tasksservice.domain.TaskWorkflow;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The three functions and the use cases behind them. The ports (store, queue, workflow) come from tasks-aws. */
@Configuration(proxyBeanMethods = false)
public class FunctionsConfig {

    @Bean
    Function<ScheduledEvent, CronPoller.Result> cronPoller(TaskStore store, DispatchQueue queue, Clock clock) {
        return new CronPoller(new DispatchDueTasks(store, queue, clock));
    }

    @Bean
    Function<SQSEvent, SQSBatchResponse> sqsConsumer(TaskStore store, TaskWorkflow workflow, Clock clock) {
        return new SqsConsumer(new StartTaskWorkflow(store, workflow, clock));
    }

    @Bean
    Function<TaskExecutor.Input, TaskExecutor.Result> taskExecutor(
            TaskStore store, TaskAction action, Sleeper sleeper, Clock clock) {
        return new TaskExecutor(new ExecuteTask(store, action, sleeper, clock));
    }

    @Bean
    @ConditionalOnMissingBean
    TaskAction taskAction() {
        return new LoggingTaskAction();
    }

    @Bean
    @ConditionalOnMissingBean
    Sleeper sleeper(Clock clock) {
        return new ClockSleeper(clock);
    }
}
