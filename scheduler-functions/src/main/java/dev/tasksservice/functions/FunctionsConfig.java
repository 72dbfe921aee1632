package dev.tasksservice.functions;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.tasksservice.domain.dispatch.DispatchDueTasks;
import dev.tasksservice.domain.execute.ExecuteTask;
import dev.tasksservice.domain.model.RetryPolicy;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.Sleeper;
import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.recover.RecoverStuckTasks;
import dev.tasksservice.domain.start.StartTaskWorkflow;
import java.time.Clock;
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The three functions and the use cases behind them; each Lambda builds only its own (see {@link ConditionalOnFunction}).
 * The ports (store, queue, workflow) come from tasks-aws, which builds the queue and the workflow only when their
 * settings are given.
 */
@Configuration(proxyBeanMethods = false)
public class FunctionsConfig {

    static final String QUEUE_URL = "TASKS_QUEUE_URL";
    static final String STATE_MACHINE_ARN = "TASKS_STATE_MACHINE_ARN";

    /** Fails the start of a Lambda whose function definition names none of the functions here. */
    @Bean
    static BeanFactoryPostProcessor functionDefinitionCheck(Environment environment) {
        FunctionDefinitionCondition.requireKnownFunction(
                environment.getProperty(FunctionDefinitionCondition.DEFINITION, ""));
        return beanFactory -> {};
    }

    @Bean
    @ConditionalOnFunction("cronPoller")
    Function<ScheduledEvent, CronPoller.Result> cronPoller(
            TaskStore store,
            ObjectProvider<DispatchQueue> queue,
            ObjectProvider<TaskWorkflow> workflow,
            RetryPolicy retryPolicy,
            Clock clock) {
        DispatchQueue dueTasks = RequiredSetting.of(queue, "cronPoller", QUEUE_URL, "the queue due tasks are sent to");
        TaskWorkflow stateMachine = RequiredSetting.of(
                workflow, "cronPoller", STATE_MACHINE_ARN, "the state machine of the tasks it sweeps");
        return new CronPoller(
                new DispatchDueTasks(store, dueTasks, clock),
                new RecoverStuckTasks(store, stateMachine, retryPolicy, clock, RecoverStuckTasks.Settings.DEFAULT));
    }

    @Bean
    @ConditionalOnFunction("sqsConsumer")
    Function<SQSEvent, SQSBatchResponse> sqsConsumer(
            TaskStore store, ObjectProvider<TaskWorkflow> workflow, RetryPolicy retryPolicy, Clock clock) {
        TaskWorkflow stateMachine =
                RequiredSetting.of(workflow, "sqsConsumer", STATE_MACHINE_ARN, "the state machine that runs each task");
        return new SqsConsumer(new StartTaskWorkflow(store, stateMachine, retryPolicy, clock));
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
