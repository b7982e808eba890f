package org.invariance.architecture;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.invariance.files.archtest.ReachesUp;
import org.invariance.plugins.archtest.SomePlugin;
import org.invariance.report.archtest.NamesAPlugin;
import org.invariance.report.archtest.SitsInItsTier;
import org.invariance.strayed.archtest.Stray;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The framework keeps the house's rules ({@link HouseRules}), and each rule fails when a class
 * breaks it on purpose (the {@code archtest} classes of the test sources, kept out of the test-jar).
 */
class ArchitectureTest {
  private static JavaClasses framework;

  @BeforeAll
  static void importTheFramework() {
    framework = new ClassFileImporter().withImportOption(HouseRules.NO_TESTS).importPackages("org.invariance");
  }

  @Test
  void theCoreNamesNoPluginAndNoStudy() {
    HouseRules.coreNamesNoPlugin().check(framework);
  }

  @Test
  void packagesDependDownwardOnly() {
    assertTrue(framework.contain("org.invariance.run.Runner") && framework.contain("org.invariance.cli.Main"), "the framework's classes were imported");
    HouseRules.packagesDependDownward().check(framework);
    HouseRules.everyFrameworkClassHasATier().check(framework);
  }

  @Test
  void aCoreClassThatNamesAPluginBreaksTheRule() {
    assertBroken(HouseRules.coreNamesNoPlugin(), new ClassFileImporter().importClasses(NamesAPlugin.class, SomePlugin.class),
        NamesAPlugin.class.getName(), SomePlugin.class.getName());
  }

  @Test
  void aPackageThatReachesUpBreaksTheOrder() {
    assertBroken(HouseRules.packagesDependDownward(), new ClassFileImporter().importClasses(ReachesUp.class),
        ReachesUp.class.getName(), "org.invariance.run.Runner");
    // within a tier too: report and bus are side by side, neither may use the other
    assertBroken(HouseRules.packagesDependDownward(), new ClassFileImporter().importClasses(SitsInItsTier.class),
        SitsInItsTier.class.getName(), "org.invariance.bus.Bus");
  }

  @Test
  void aPackageOutsideTheOrderBreaksTheRule() {
    assertBroken(HouseRules.everyFrameworkClassHasATier(), new ClassFileImporter().importClasses(Stray.class), Stray.class.getName());
  }

  /** The rule reports a violation on these classes, naming what it should. */
  static void assertBroken(ArchRule rule, JavaClasses classes, String... named) {
    EvaluationResult r = rule.evaluate(classes);
    assertTrue(r.hasViolation(), "the rule should fail: " + rule.getDescription());
    String report = r.getFailureReport().toString();
    for (String n : named) assertTrue(report.contains(n), "the failure names " + n + ": " + report);
    assertFalse(report.contains("is empty"), "a real violation, not an empty layer: " + report);
  }
}
