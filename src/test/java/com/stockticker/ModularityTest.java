package com.stockticker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.CanvasOptions;
import org.springframework.modulith.docs.Documenter.DiagramOptions;
import org.springframework.modulith.docs.Documenter.Options;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages are Spring Modulith application modules ({@code package-info.java} in each): no cycle among
 * them, none reaching into another's internals, none depending on a module its {@code allowedDependencies} leave
 * out. Also writes their diagrams and canvases into {@code docs/modules}, so that the checked-in documentation is
 * what the code is: {@code ./mvnw test -Dtest=ModularityTest} regenerates it, and {@code git diff docs/modules}
 * shows what a change did to the structure.
 */
class ModularityTest {

    static final Path DOCUMENTATION = Path.of("docs", "modules");

    private static final List<String> FEATURES = List.of("cluster", "delivery", "feed", "leadership", "market", "messaging",
            "ops", "roles", "security", "storage", "trading", "web");

    private final ApplicationModules modules = ApplicationModules.of(StockTickerApplication.class);

    @Test
    void everyFeaturePackageIsAModule() {
        assertThat(modules.stream().map(module -> module.getIdentifier().toString())).containsExactlyInAnyOrderElementsOf(FEATURES);
    }

    @Test
    void modulesHaveNoCycleAndUseOnlyWhatTheOthersExpose() {
        modules.verify();
    }

    /** The verification is not vacuous: it catches a cycle and a reach into another module's internals. */
    @Test
    void verificationCatchesACycleAndAReachIntoInternals() {
        Violations violations = ApplicationModules.of("modularity.fixture", ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                .detectViolations();

        assertThat(violations.getMessages()).anySatisfy(message -> assertThat(message).contains("Cycle detected", "billing", "orders"));
        assertThat(violations.getMessages()).anySatisfy(message -> assertThat(message)
                .contains("Module 'shipping' depends on non-exposed type modularity.fixture.billing.internal.Ledger within module 'billing'"));
    }

    /**
     * The whole system's component diagram ({@code components.puml}), one diagram and one canvas per module
     * ({@code module-NAME.puml}, {@code module-NAME.adoc}) and a document that includes them all
     * ({@code all-docs.adoc}); PlantUML text in the C4 style, rendered by whoever reads them (no Graphviz here).
     */
    @Test
    void writesTheModulesDiagramsAndCanvases() throws Exception {
        DiagramOptions diagrams = DiagramOptions.defaults();
        CanvasOptions canvases = CanvasOptions.defaults().revealInternals();
        new Documenter(modules, Options.defaults().withOutputFolder(DOCUMENTATION.toString()))
                .writeModulesAsPlantUml(diagrams)
                .writeIndividualModulesAsPlantUml(diagrams)
                .writeModuleCanvases(canvases)
                .writeAggregatingDocument(diagrams, canvases);

        assertThat(DOCUMENTATION.resolve("components.puml")).content().contains("@startuml", "@enduml");
        String all = Files.readString(DOCUMENTATION.resolve("all-docs.adoc"));
        for (ApplicationModule module : modules) {
            String name = module.getIdentifier().toString();
            assertThat(DOCUMENTATION.resolve("module-" + name + ".puml")).content().contains("@startuml", module.getDisplayName());
            assertThat(DOCUMENTATION.resolve("module-" + name + ".adoc")).content().contains(module.getBasePackage().getName());
            assertThat(all).contains("module-" + name + ".puml", "module-" + name + ".adoc");
        }
    }
}
