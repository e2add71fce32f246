package org.latentdyn.md;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** org.latentdyn.md is a plain-Java layer (STYLE.md habit 1): no DJL, nothing above the data layer. */
class MdArchitectureTest {
  // only this package: the rule looks at its classes' dependencies (a second import of the whole project would
  // double ArchitectureTest's memory in the shared test JVM)
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.latentdyn.md");

  @Test
  void importsThePackage() {
    org.junit.jupiter.api.Assertions.assertTrue(CLASSES.contain(XtcReader.class));
  }

  @Test
  void mdIsPlainJava() {
    noClasses().that().resideInAPackage("org.latentdyn.md..")
        .should().dependOnClassesThat().resideInAnyPackage("ai.djl..", "org.latentdyn.nn..",
            "org.latentdyn.models..", "org.latentdyn.train..", "org.latentdyn.workflow..", "org.latentdyn.report..",
            "org.latentdyn.cli..")
        .check(CLASSES);
  }
}
