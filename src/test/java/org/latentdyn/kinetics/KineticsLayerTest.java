package org.latentdyn.kinetics;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps {@code kinetics} a plain-Java layer (STYLE.md habit 1): no DJL, nothing from the upper layers. */
class KineticsLayerTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.latentdyn");

  @Test
  void kineticsDoesNotTouchTheNeuralEngine() {
    noClasses().that().resideInAPackage("org.latentdyn.kinetics..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..")
        .check(CLASSES);
  }

  @Test
  void kineticsDependsOnlyOnPlainLayers() {
    noClasses().that().resideInAPackage("org.latentdyn.kinetics..")
        .should().dependOnClassesThat().resideInAnyPackage("org.latentdyn.nn..", "org.latentdyn.models..",
            "org.latentdyn.train..", "org.latentdyn.workflow..", "org.latentdyn.report..", "org.latentdyn.cli..",
            "org.latentdyn.dynamics..", "org.latentdyn.metrics..")
        .check(CLASSES);
  }

  @Test
  void plainLayersDoNotDependOnKinetics() {
    noClasses().that().resideInAnyPackage("org.latentdyn.data..", "org.latentdyn.analysis..")
        .should().dependOnClassesThat().resideInAPackage("org.latentdyn.kinetics..")
        .check(CLASSES);
  }
}
