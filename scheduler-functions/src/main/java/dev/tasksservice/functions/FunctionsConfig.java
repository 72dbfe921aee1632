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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The three functions and the use cases behind them; each Lambda builds only its own (see {@link ConditionalOnFunction}).
 * The ports (store, queue, workflow) come from tasks-aws, which builds the queue and the workflow only when their
 * settings are given.
 */
@Configuration(proxyBeanMethods = false)
public class FunctionsConfig {

    static final String QUEUE_URL = "TASKS_QUEUE_URL";
    static final String STATE_MACHINE_ARN = "TASKS_STATE_MACHINE_ARN";

    @Bean
    @ConditionalOnFunction("cronPoller")
    Function<ScheduledEvent, CronPoller.Result> cronPoller(
            TaskStore store, ObjectProvider<DispatchQueue> queue, Clock clock) {
        DispatchQueue dueTasks = RequiredSetting.of(queue, "cronPoller", QUEUE_URL, "the queue due tasks are sent to");
        return new CronPoller(new DispatchDueTasks(store, dueTasks, clock));
    }

    @Bean
    @ConditionalOnFunction("sqsConsumer")
    Function<SQSEvent, SQSBatchResponse> sqsConsumer(
            TaskStore store, ObjectProvider<TaskWorkflow> workflow, Clock clock) {
        TaskWorkflow stateMachine =
                RequiredSetting.of(workflow, "sqsConsumer", STATE_MACHINE_ARN, "the state machine that runs each task");
        return new SqsConsumer(new StartTaskWorkflow(store, stateMachine, clock));
    }

    @Bean
    @ConditionalOnFunction("taskExecutor")
    Function<TaskExecutor.Input, TaskExecutor.Result> taskExecutor(
            TaskStore store, TaskAction action, Sleeper sleeper, Clock clock) {
        return new TaskExecutor(new ExecuteTask(store, action, sleeper, clock));
    }

    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean
    TaskAction taskAction() {
        return new LoggingTaskAction();
    }

    @Bean
    @ConditionalOnFunction("taskExecutor")
    @ConditionalOnMissingBean
    Sleeper sleeper(Clock clock) {
        return new ClockSleeper(clock);
    }
}
