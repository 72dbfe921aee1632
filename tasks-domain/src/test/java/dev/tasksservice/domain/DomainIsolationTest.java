package dev.tasksservice.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tasksservice.domain.schedule.TaskScheduling;
import org.junit.jupiter.api.Test;

/** The domain stays plain Java: it must run, and be tested, without AWS or Spring. */
class DomainIsolationTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tasksservice.domain");

    @Test
    void theDomainImportsNeitherAwsNorSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "org.springframework..", "io.awspring..")
                .because("the domain must not depend on a cloud or a framework")
                .check(domain);
    }

    @Test
    void theRuleSeesTheDomainClasses() {
        // Guards against the rule above passing vacuously on an empty import.
        org.assertj.core.api.Assertions.assertThat(domain.contain(TaskScheduling.class))
                .isTrue();
    }
}
