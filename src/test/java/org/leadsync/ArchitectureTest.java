package org.leadsync;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package picture of docs/architecture.md, held against the compiled code: no cycle between the
 * packages under org.leadsync, dependencies pointing one way down the layers, vendor wire formats only in
 * the connectors, and a sandbox that depends on nothing of the product.
 */
class ArchitectureTest {

    private static JavaClasses product;

    @BeforeAll
    static void importTheMainClasses() {
        product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.leadsync");
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("org.leadsync.(**)").should().beFreeOfCycles().check(product);
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("org.leadsync.api..")
                .layer("features").definedBy("org.leadsync.sync..", "org.leadsync.flowaction..",
                        "org.leadsync.fields..", "org.leadsync.ops..")
                .layer("domain").definedBy("org.leadsync.link..", "org.leadsync.activity..")
                .layer("ports").definedBy("org.leadsync.port..")
                .layer("connectors").definedBy("org.leadsync.marketo..", "org.leadsync.dynamics..")
                .layer("connector kit").definedBy("org.leadsync.connector..")
                .layer("database").definedBy("org.leadsync.db..")
                .layer("sandbox").definedBy("org.leadsync.sandbox..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("features").mayOnlyBeAccessedByLayers("api")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "features")
                .whereLayer("ports").mayOnlyBeAccessedByLayers("api", "features", "domain", "connectors")
                .whereLayer("connectors").mayNotBeAccessedByAnyLayer()
                .whereLayer("connector kit").mayOnlyBeAccessedByLayers("connectors", "features")
                .whereLayer("database").mayOnlyBeAccessedByLayers("features", "domain")
                .whereLayer("sandbox").mayNotBeAccessedByAnyLayer()
                .check(product);
    }

    @Test
    void theSandboxDependsOnNothingOfTheProduct() {
        noClasses().that().resideInAPackage("org.leadsync.sandbox..")
                .should().dependOnClassesThat().resideOutsideOfPackages("org.leadsync.sandbox..", "java..", "jakarta..",
                        "org.eclipse.microprofile..")
                .check(product);
    }

    @Test
    void onlyTheConnectorsSpeakTheVendorsWireFormats() {
        noClasses().that().resideOutsideOfPackages("org.leadsync.marketo..", "org.leadsync.dynamics..", "org.leadsync.sandbox..")
                .should().dependOnClassesThat().resideInAnyPackage("org.leadsync.marketo..", "org.leadsync.dynamics..")
                .check(product);
    }
}
