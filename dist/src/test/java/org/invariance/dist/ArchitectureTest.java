package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.invariance.architecture.HouseRules;
import org.invariance.plugins.archtesta.UsesAnotherPlugin;
import org.invariance.plugins.archtestb.AnotherPlugin;
import org.invariance.study.archtest.UsesAPlugin;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house's rules across everything shipped (the framework, the study's library, every plugin and
 * bench: dist's class path), and each rule failing when a class breaks it on purpose (the
 * {@code archtest} classes of these test sources).
 */
class ArchitectureTest {
  private static JavaClasses shipped;

  @BeforeAll
  static void importEverythingShipped() {
    shipped = new ClassFileImporter().withImportOption(HouseRules.NO_TESTS).importPackages("org.invariance");
  }

  @Test
  void everyShippedPluginAndTheStudyWereImported() {
    for (String c : new String[] {"org.invariance.run.Runner", "org.invariance.study.SeedStudy", "org.invariance.plugins.p10.P10Probe",
        "org.invariance.plugins.frozenhead.FrozenHeadTrainer", "org.invariance.plugins.npmmnist.NpmMnist"}) {
      assertTrue(shipped.contain(c), c + " is on the class path");
    }
  }

  @Test
  void noPluginImportsAnother() {
    HouseRules.noPluginUsesAnother().check(shipped);
  }

  @Test
  void theStudysLibraryNamesNoPlugin() {
    HouseRules.studyUsesNoPlugin().check(shipped);
  }

  @Test
  void theCoreNamesNoPluginWithEveryPluginPresent() {
    HouseRules.coreNamesNoPlugin().check(shipped);
    HouseRules.packagesDependDownward().check(shipped);
    HouseRules.everyFrameworkClassHasATier().check(shipped);
  }

  @Test
  void aPluginThatUsesAnotherBreaksTheRule() {
    assertBroken(HouseRules.noPluginUsesAnother(), new ClassFileImporter().importClasses(UsesAnotherPlugin.class, AnotherPlugin.class),
        UsesAnotherPlugin.class.getName(), AnotherPlugin.class.getName());
  }

  @Test
  void aStudyClassThatNamesAPluginBreaksTheRule() {
    assertBroken(HouseRules.studyUsesNoPlugin(), new ClassFileImporter().importClasses(UsesAPlugin.class, AnotherPlugin.class),
        UsesAPlugin.class.getName(), AnotherPlugin.class.getName());
  }

  private static void assertBroken(ArchRule rule, JavaClasses classes, String... named) {
    EvaluationResult r = rule.evaluate(classes);
    assertTrue(r.hasViolation(), "the rule should fail: " + rule.getDescription());
    String report = r.getFailureReport().toString();
    for (String n : named) assertTrue(report.contains(n), "the failure names " + n + ": " + report);
    assertFalse(report.contains("is empty"), report);
  }
}
