package dev.tasksservice.api.config;

import dev.tasksservice.aws.spring.TasksProperties;
import dev.tasksservice.domain.model.RetryLimits;
import dev.tasksservice.domain.model.TargetRules;
import dev.tasksservice.domain.model.Task;
import dev.tasksservice.domain.port.out.DispatchQueue;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.domain.port.out.TaskWorkflow;
import dev.tasksservice.domain.port.out.WorkflowState;
import dev.tasksservice.domain.read.FindTask;
import dev.tasksservice.domain.read.ListTasks;
import dev.tasksservice.domain.schedule.TargetCheck;
import dev.tasksservice.domain.schedule.TaskScheduling;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TargetAndRetrySettings.class)
@PropertySource("classpath:tasks-api.properties")
public class DomainConfig {

    private static final Logger log = LoggerFactory.getLogger(DomainConfig.class);

    @Bean
    TaskScheduling taskScheduling(
            TaskStore store,
            TasksProperties properties,
            RetryLimits retryLimits,
            TargetCheck targetCheck,
            Clock clock,
            ObjectProvider<DispatchQueue> queue,
            ObjectProvider<TaskWorkflow> workflow,
            ObjectProvider<TaskMetrics> metrics) {
        return new TaskScheduling(
                store,
                properties.schedulingPolicy(),
                retryLimits,
                targetCheck,
                clock,
                queue.getIfAvailable(DomainConfig::noFastPath),
                workflow.getIfAvailable(DomainConfig::noWorkflowToStop),
                metrics.getIfAvailable(() -> TaskMetrics.NONE));
    }

    /** The default retry policy and the ceilings of a task's own; a bad setting stops the start naming it. */
    @Bean
    RetryLimits retryLimits(TargetAndRetrySettings settings) {
        return settings.retryLimits();
    }

    /** The allowed internal hosts, the allowed queues and the default target; a bad setting stops the start. */
    @Bean
    TargetRules targetRules(TargetAndRetrySettings settings) {
        return settings.targetRules();
    }

    /** Checks a new or changed target against the rules, resolving its host name as the delivery will. */
    @Bean
    TargetCheck targetCheck(TargetRules rules) {
        return new TargetCheck(rules, host -> List.of(InetAddress.getAllByName(host)));
    }

    @Bean
    FindTask findTask(TaskStore store) {
        return new FindTask(store);
    }

    @Bean
    ListTasks listTasks(TaskStore store) {
        return new ListTasks(store);
    }

    private static DispatchQueue noFastPath() {
        log.info("No dispatch queue configured (TASKS_QUEUE_URL): tasks due soon wait for the next poll");
        return tasks -> List.of();
    }

    /** Without a workflow to stop, a cancelled task in progress is still never run: its executor cannot claim it. */
    private static TaskWorkflow noWorkflowToStop() {
        return new TaskWorkflow() {
            @Override
            public WorkflowState start(Task task) {
                throw new UnsupportedOperationException("The API does not start workflows");
            }

            @Override
            public WorkflowState restart(Task task, int attempt) {
                throw new UnsupportedOperationException("The API does not start workflows");
            }

            @Override
            public WorkflowState state(Task task) {
                throw new UnsupportedOperationException("The API does not look at workflows");
            }

            @Override
            public void stop(Task task) {}
        };
    }
}
