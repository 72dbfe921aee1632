package dev.tasksservice.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.domain.InMemoryTaskStore;
import dev.tasksservice.domain.port.out.TaskMetrics;
import dev.tasksservice.domain.port.out.TaskStore;
import dev.tasksservice.metrics.spring.TaskMetricsAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which metrics a runtime gets, and the store timed around whatever adapter it has. */
class TaskMetricsAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TaskMetricsAutoConfiguration.class))
            .withBean(TaskStore.class, InMemoryTaskStore::new);

    @Test
    void offLambdaTheApplicationsRegistryRecordsAndTheStoreIsTimed() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context.getBean(TaskMetrics.class)).isInstanceOf(MicrometerTaskMetrics.class);
            context.getBean(TaskStore.class).find(java.util.UUID.randomUUID());
            assertThat(context.getBean(MeterRegistry.class)
                            .get("tasks.store.latency")
                            .tag("operation", "find")
                            .timer()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void onLambdaTheMetricsAreEmfEvenWithARegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=tasks-executor", "tasks.stage=dev")
                .run(context -> {
                    assertThat(context.getBean(TaskMetrics.class)).isInstanceOf(EmfTaskMetrics.class);
                    assertThat(context.getBean(TaskStore.class)).isInstanceOf(TimedTaskStore.class);
                });
    }

    @Test
    void aRuntimesOwnWrapperOfTheStoreIsOutsideTheTiming() {
        List<TaskStore> wrapped = new ArrayList<>();
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("runtimeWrapper", BeanPostProcessor.class, () -> new BeanPostProcessor() {
                    @Override
                    public Object postProcessAfterInitialization(Object bean, String name) {
                        if (!(bean instanceof TaskStore store)) {
                            return bean;
                        }
                        wrapped.add(store);
                        return Proxy.newProxyInstance(
                                TaskStore.class.getClassLoader(),
                                new Class<?>[] {TaskStore.class},
                                (proxy, method, arguments) -> method.invoke(store, arguments));
                    }
                })
                .run(context -> {
                    assertThat(context.getBean(TaskStore.class)).isInstanceOf(Proxy.class);
                    assertThat(wrapped).singleElement().isInstanceOf(TimedTaskStore.class);
                });
    }

    @Test
    void withNeitherNothingIsRecordedAndTheStoreIsLeftAsItIs() {
        runner.run(context -> {
            assertThat(context.getBean(TaskMetrics.class)).isSameAs(TaskMetrics.NONE);
            assertThat(context.getBean(TaskStore.class)).isInstanceOf(InMemoryTaskStore.class);
        });
    }
}
