package dev.tasksservice.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tasksservice.domain.schedule.TaskScheduling;
import org.junit.jupiter.api.Test;

/**
 * The domain stays plain Java, and its packages are its architecture: the model at the bottom, the ports above it,
 * and the use cases, one package per step a task takes (schedule, dispatch, start, execute, recover, read), on top.
 */
class DomainIsolationTest {

    private static final String[] USE_CASES = {
        "..domain.schedule..",
        "..domain.dispatch..",
        "..domain.start..",
        "..domain.execute..",
        "..domain.recover..",
        "..domain.read.."
    };

    // Imported once for all rules: an import reads every class file of the package.
    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tasksservice.domain");

    @Test
    void theDomainImportsNeitherAwsNorSpring() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon..", "com.amazonaws..", "org.springframework..", "io.awspring..")
                .because("the domain must not depend on a cloud or a framework")
                .check(DOMAIN);
    }

    @Test
    void modelPortsAndUseCasesAreLayered() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Model")
                .definedBy("..domain.model..")
                .layer("Ports")
                .definedBy("..domain.port..")
                .layer("UseCases")
                .definedBy(USE_CASES)
                .whereLayer("UseCases")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Ports")
                .mayOnlyBeAccessedByLayers("UseCases")
                .whereLayer("Model")
                .mayOnlyBeAccessedByLayers("Ports", "UseCases")
                .check(DOMAIN);
    }

    @Test
    void everyDomainClassLivesInALayer() {
        classes()
                .should()
                .resideInAnyPackage(concat("..domain.model..", "..domain.port..", USE_CASES))
                .because("a class outside the layers would hide where it belongs on the firing path")
                .check(DOMAIN);
    }

    @Test
    void theRulesSeeTheDomainClasses() {
        // Guards against the rules above passing vacuously on an empty import.
        assertThat(DOMAIN.contain(TaskScheduling.class)).isTrue();
    }

    private static String[] concat(String first, String second, String... rest) {
        String[] all = new String[rest.length + 2];
        all[0] = first;
        all[1] = second;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }
}
