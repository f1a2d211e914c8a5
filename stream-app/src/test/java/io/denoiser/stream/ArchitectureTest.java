package io.denoiser.stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;

/**
 * The boundaries of the stream app, and of the schemas it builds on (imported from the class path): who may
 * know the model runtimes, which way the app's packages depend, and that the two apps never meet.
 *
 * <p>The rules are methods, not {@code ArchRule} fields, because Maven Surefire 3.5.3 silently skips
 * {@code @ArchTest} fields (TNG/ArchUnit#1442).
 */
@AnalyzeClasses(
        packages = {"io.denoiser.stream", "io.denoiser.schemas", "io.denoiser.broker"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static void onlyTheInferencePackageKnowsTheModelRuntimes(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("io.denoiser.stream..")
                .and()
                .resideOutsideOfPackage("io.denoiser.stream.inference..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "ai.onnxruntime..")
                .because("topology tests run with a fake Denoiser and no native libraries; one package loads models")
                .check(classes);
    }

    @ArchTest
    static void theDataPathDoesNotKnowHowTheAppIsRun(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.denoiser.stream.topology..",
                        "io.denoiser.stream.batching..",
                        "io.denoiser.stream.validation..",
                        "io.denoiser.stream.source..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.denoiser.stream.app..")
                .because("the topology is a function of config and a Denoiser; the app package wires and runs it")
                .check(classes);
    }

    @ArchTest
    static void theStreamAppNeverUsesTheTrainer(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("io.denoiser.stream..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.denoiser.trainer..")
                .because("the model artifact is the only thing the trainer and the stream app share")
                .check(classes);
    }

    @ArchTest
    static void theSchemasDependOnNothingOfOurs(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("io.denoiser.schemas..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.denoiser.model..", "io.denoiser.stream..", "io.denoiser.trainer..")
                .because("the record contracts serve any producer and consumer, not only our apps")
                .check(classes);
    }

    @ArchTest
    static void theServiceKnowsNothingOfTheBrokerItsToolsOrItsTestKit(JavaClasses classes) {
        noClasses()
                .that()
                .resideInAPackage("io.denoiser.stream..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.denoiser.broker..",
                        "io.denoiser.tools..",
                        "io.denoiser.testkit..",
                        "kafka.server..",
                        "org.apache.kafka.server..",
                        "org.apache.kafka.metadata..")
                .because("the service runs against any broker; the embedded one is for tests, the demo and the kit")
                .check(classes);
    }

    @ArchTest
    static void theStreamAppsPackagesHaveNoCycles(JavaClasses classes) {
        slices().matching("io.denoiser.stream.(*)..").should().beFreeOfCycles().check(classes);
    }
}
