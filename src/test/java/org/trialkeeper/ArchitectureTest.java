package org.trialkeeper;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import org.trialkeeper.randomisation.AllocationTimes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "org.trialkeeper", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** Protocol rules are plain Java: testable in milliseconds, no container, no database. */
    @ArchTest
    static final ArchRule protocolRulesAreFrameworkFree = classes()
            .that().resideInAPackage("org.trialkeeper.protocol..")
            .and().areNotAnnotatedWith("io.micronaut.core.annotation.Generated")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.yaml.snakeyaml..", "org.trialkeeper.protocol..", "org.trialkeeper.problem..",
                    "io.micronaut.serde.annotation..", "io.micronaut.serde.config.naming..",
                    "com.fasterxml.jackson.annotation..");

    /** Statistics are plain Java on maintained numerical libraries; their only annotations say how they look on the wire. */
    @ArchTest
    static final ArchRule analysisIsFrameworkFree = classes()
            .that().resideInAPackage("org.trialkeeper.analysis..")
            .and().areNotAnnotatedWith("io.micronaut.core.annotation.Generated")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "org.apache.commons.statistics..", "org.apache.commons.numbers..", "org.apache.commons.math3..",
                    "org.trialkeeper.analysis..", "io.micronaut.serde.annotation..", "io.micronaut.serde.config.naming..",
                    "com.fasterxml.jackson.annotation..", "io.swagger.v3.oas.annotations..");

    /**
     * Blinded assessment entry cannot reach an arm: of randomisation it may use only the times
     * participants were randomised, and nothing of follow-up, where attendance tells the arm.
     */
    @ArchTest
    static final ArchRule assessmentCannotReachArms = noClasses()
            .that().resideInAPackage("org.trialkeeper.assessment..")
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("org.trialkeeper.randomisation..",
                            "org.trialkeeper.followup..")
                    .and(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(AllocationTimes.class))));

    /**
     * Schemes, strata, the sequence plan and its streams, the commitment, diagnostics and the
     * minimisation replay are plain Java over the protocol, Commons RNG and the JDK's ciphers: no
     * framework, no database, nothing else of the service, so that a list can be regenerated and
     * checked anywhere.
     */
    @ArchTest
    static final ArchRule randomisationSchemesArePure = classes()
            .that().resideInAPackage("org.trialkeeper.randomisation.scheme..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "javax.crypto..", "org.apache.commons.rng..", "org.trialkeeper.randomisation.scheme..",
                    "org.trialkeeper.protocol..");

    /** Features depend on each other in one direction only. */
    @ArchTest
    static final ArchRule featurePackagesAreFreeOfCycles = slices()
            .matching("org.trialkeeper.(*)..")
            .should().beFreeOfCycles();

    /** Who is acting, in which role, and the permit annotation sit below every feature. */
    @ArchTest
    static final ArchRule accessDependsOnNoFeature = classes()
            .that().resideInAPackage("org.trialkeeper.access..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "java..", "io.micronaut.core.annotation..", "org.trialkeeper.access..");

    @ArchTest
    static final ArchRule noLayerOrGrabBagPackages = noClasses()
            .should().resideInAnyPackage("..controller..", "..service..", "..repository..", "..util..", "..common..");

    /** Other features see a trial through TrialService, never through its repositories. */
    @ArchTest
    static final ArchRule repositoriesStayInTheirFeature = classes()
            .that().haveSimpleNameEndingWith("Repository")
            .should().notBePublic();
}
