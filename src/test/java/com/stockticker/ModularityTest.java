package com.stockticker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

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

    private static final List<String> FEATURES = List.of("cluster", "delivery", "errors", "feed", "leadership", "market", "messaging",
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
        try (Stream<Path> files = Files.list(DOCUMENTATION)) {
            for (Path diagram : files.filter(file -> file.toString().endsWith(".puml")).toList()) {
                sortRelations(diagram);
            }
        }

        assertThat(DOCUMENTATION.resolve("components.puml")).content().contains("@startuml", "@enduml");
        String all = Files.readString(DOCUMENTATION.resolve("all-docs.adoc"));
        for (ApplicationModule module : modules) {
            String name = module.getIdentifier().toString();
            assertThat(DOCUMENTATION.resolve("module-" + name + ".puml")).content().contains("@startuml", module.getDisplayName());
            assertThat(DOCUMENTATION.resolve("module-" + name + ".adoc")).content().contains(module.getBasePackage().getName());
            assertThat(all).contains("module-" + name + ".puml", "module-" + name + ".adoc");
        }
    }

    /**
     * Puts each run of a diagram's relations ({@code Rel(...)} lines) in order. Modulith 2.1.1 adds them to the model
     * in the order of ArchUnit's hash sets, which changes from one run to the next; sorted, a regenerated diagram
     * changes only when the structure does. The order of relations is not part of what the diagram says.
     */
    private static void sortRelations(Path diagram) throws IOException {
        List<String> lines = Files.readAllLines(diagram);
        List<String> sorted = new ArrayList<>(lines.size());
        List<String> relations = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("Rel(")) {
                relations.add(line);
                continue;
            }
            Collections.sort(relations);
            sorted.addAll(relations);
            relations.clear();
            sorted.add(line);
        }
        Collections.sort(relations);
        sorted.addAll(relations);
        Files.write(diagram, sorted);
    }
}
