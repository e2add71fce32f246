package org.latentdyn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Holds the layering of STYLE.md habit 1: plain-Java layers below, neural layers above, report and cli on top. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.latentdyn");

  private static final String[] PLAIN = {"org.latentdyn.data..", "org.latentdyn.dynamics..",
      "org.latentdyn.metrics..", "org.latentdyn.analysis..", "org.latentdyn.wells..",
      "org.latentdyn.mechanics..", "org.latentdyn.movies.."};

  @Test
  void plainLayersDoNotTouchTheNeuralEngine() {
    noClasses().that().resideInAnyPackage(PLAIN)
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
        .check(CLASSES);
  }

  @Test
  void plainLayersDoNotDependOnUpperLayers() {
    noClasses().that().resideInAnyPackage(PLAIN)
        .should().dependOnClassesThat().resideInAnyPackage("org.latentdyn.nn..", "org.latentdyn.models..",
            "org.latentdyn.train..", "org.latentdyn.workflow..", "org.latentdyn.report..", "org.latentdyn.cli..")
        .check(CLASSES);
  }

  @Test
  void nothingImportsTheCommandLine() {
    noClasses().that().resideOutsideOfPackage("org.latentdyn.cli..")
        .should().dependOnClassesThat().resideInAPackage("org.latentdyn.cli..")
        .check(CLASSES);
  }

  @Test
  void workflowsDoNotDrawReports() {
    noClasses().that().resideInAPackage("org.latentdyn.workflow..")
        .should().dependOnClassesThat().resideInAPackage("org.latentdyn.report..")
        .allowEmptyShould(true)
        .check(CLASSES);
  }
}
