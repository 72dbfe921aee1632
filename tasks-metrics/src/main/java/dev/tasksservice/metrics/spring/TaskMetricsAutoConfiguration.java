package dev.tasksservice.metrics.spring;

import dev.tasksservice.domain.port.out.TaskAction;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.metrics.EmfTaskMetrics;
import dev.tasksservice.metrics.MicrometerTaskMetrics;
import dev.tasksservice.metrics.TimedTaskAction;
import dev.tasksservice.metrics.TimedTaskStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;

/**
 * The metrics of every runtime: on a Lambda (where {@code AWS_LAMBDA_FUNCTION_NAME} is set) the embedded metric
 * format through Powertools, elsewhere the application's Micrometer registry when it has one, else none. Whatever
 * they are, the task store and the task action are timed around the adapters, so no adapter times itself.
 */
@AutoConfiguration
public class TaskMetricsAutoConfiguration {

    static final String ON_LAMBDA = "!'${AWS_LAMBDA_FUNCTION_NAME:}'.isBlank()";
    static final String OFF_LAMBDA = "'${AWS_LAMBDA_FUNCTION_NAME:}'.isBlank()";

    /** Where no registry or library is at hand: nothing is recorded. */
    @Bean
    @ConditionalOnMissingBean
    TaskMetrics taskMetrics() {
        return TaskMetrics.NONE;
    }

    /**
     * Wraps the store and the action as they are made; the metrics are looked up then, not when this is. First of the
     * post-processors, so the timing is closest to the adapter: a runtime's own wrapper (the local runtime's, which
     * waits for deliveries before recording) is not counted as the store's time.
     */
    @Bean
    static TimedPorts timedStoreAndTargets(ObjectProvider<TaskMetrics> metrics) {
        // Declared as its own type: Spring orders post-processors by the type a bean method declares.
        return new TimedPorts(metrics);
    }

    /** Puts the timing decorators around the store and the action. */
    record TimedPorts(ObjectProvider<TaskMetrics> metrics) implements BeanPostProcessor, PriorityOrdered {

        @Override
        public Object postProcessAfterInitialization(Object bean, String name) {
            if (bean instanceof TaskStore store && !(bean instanceof TimedTaskStore)) {
                TaskMetrics recorder = recorder();
                return recorder == TaskMetrics.NONE ? bean : new TimedTaskStore(store, recorder);
            }
            if (bean instanceof TaskAction action && !(bean instanceof TimedTaskAction)) {
                TaskMetrics recorder = recorder();
                return recorder == TaskMetrics.NONE ? bean : new TimedTaskAction(action, recorder);
            }
            return bean;
        }

        private TaskMetrics recorder() {
            return metrics.getIfAvailable(() -> TaskMetrics.NONE);
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }

    /** On a Lambda: EMF lines in the function's log, under the stage's dimension. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "software.amazon.lambda.powertools.metrics.Metrics")
    @ConditionalOnExpression(ON_LAMBDA)
    static class OnLambda {

        @Bean
        @ConditionalOnMissingBean
        TaskMetrics emfTaskMetrics(@Value("${tasks.stage:${TASKS_STAGE:local}}") String stage) {
            return new EmfTaskMetrics(stage);
        }
    }

    /** Off Lambda: the application's Micrometer registry (the local runtime's Prometheus one). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    @ConditionalOnExpression(OFF_LAMBDA)
    static class WithMicrometer {

        @Bean
        @ConditionalOnMissingBean
        TaskMetrics micrometerTaskMetrics(ObjectProvider<MeterRegistry> registry) {
            MeterRegistry meters = registry.getIfAvailable();
            return meters == null ? TaskMetrics.NONE : new MicrometerTaskMetrics(meters);
        }
    }
}
