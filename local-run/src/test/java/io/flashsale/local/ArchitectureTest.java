package io.flashsale.local;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout as ARCHITECTURE.md draws it, checked on the main classes of every module the local run carries
 * (grid-model, config, purchase, mapstore, grid-node, app-node, local-run), so that it cannot drift back.
 */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("-tests.jar")) // the modules' test-jars
            .importPackages("io.flashsale");

    @Test
    void everyModuleIsChecked() {
        assertThat(Stream.of("model.stock", "config", "purchase", "mapstore", "gridnode", "app.sale", "local"))
                .allMatch(name -> MAIN.containPackage("io.flashsale." + name));
        assertThat(MAIN.contain("io.flashsale.config.TestGrid")).as("test code").isFalse();
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.flashsale.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theGridModelKnowsOnlyItself() {
        mayNotReach("io.flashsale.model..", "io.flashsale.config..", "io.flashsale.purchase..",
                "io.flashsale.mapstore..", "io.flashsale.gridnode..", "io.flashsale.app..", "io.flashsale.local..");
    }

    @Test
    void configKnowsNoRunnable() {
        mayNotReach("io.flashsale.config..", "io.flashsale.purchase..", "io.flashsale.mapstore..",
                "io.flashsale.gridnode..", "io.flashsale.app..", "io.flashsale.local..", "org.springframework..");
    }

    @Test
    void thePurchaseFlowIsPlainJavaOverTheModel() {
        mayNotReach("io.flashsale.purchase..", "io.flashsale.config..", "io.flashsale.mapstore..",
                "io.flashsale.gridnode..", "io.flashsale.app..", "io.flashsale.local..", "org.springframework..",
                "java.sql..", "javax.sql..");
    }

    @Test
    void appNodesNeverReachTheDatabase() {
        mayNotReach("io.flashsale.app..", "java.sql..", "javax.sql..", "io.flashsale.mapstore..",
                "io.flashsale.gridnode..", "com.zaxxer.hikari..", "com.mysql..");
    }

    @Test
    void persistenceKnowsNoWebAndNoMember() {
        mayNotReach("io.flashsale.mapstore..", "io.flashsale.app..", "io.flashsale.gridnode..",
                "io.flashsale.purchase..", "org.springframework.web..", "jakarta.servlet..", "org.eclipse.jetty..");
    }

    @Test
    void membersRunNoAppNodeCode() {
        mayNotReach("io.flashsale.gridnode..", "io.flashsale.app..", "io.flashsale.purchase..", "io.flashsale.local..",
                "org.springframework..");
    }

    private static void mayNotReach(String packages, String... forbidden) {
        noClasses().that().resideInAPackage(packages).should().dependOnClassesThat().resideInAnyPackage(forbidden)
                .check(MAIN);
    }
}
