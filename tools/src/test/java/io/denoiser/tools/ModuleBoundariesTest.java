package io.denoiser.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * Which way the modules of the house depend, checked on every module's classes (the tools see them all):
 * the service, the embedded broker, the test kit and the tools each have one job. The service's own rules are
 * in stream-app's ArchitectureTest.
 */
@AnalyzeClasses(packages = "io.denoiser", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static void theEmbeddedBrokerKnowsOnlyKafka(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("io.denoiser.broker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.denoiser.stream..", "io.denoiser.tools..", "io.denoiser.testkit..", "io.denoiser.model..")
                .because("it is Kafka's own server in a JVM, for whoever needs a broker in a test or a demo")
                .check(classes);
    }

    @ArchTest
    static void theTestKitDoesNotNeedTheTools(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("io.denoiser.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.denoiser.tools..")
                .because("users add the kit to their tests; the tools build on the kit, not the other way")
                .check(classes);
    }

    @ArchTest
    static void neitherTheToolsNorTheKitUseTheTrainer(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAnyPackage("io.denoiser.tools..", "io.denoiser.testkit..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.denoiser.trainer..")
                .because("the model artifact is the only thing the trainer shares with what serves")
                .check(classes);
    }
}
