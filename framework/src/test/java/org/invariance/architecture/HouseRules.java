package org.invariance.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The house's rules (docs/ARCHITECTURE.md, "Rules that hold") as ArchUnit rules: the framework's
 * own {@code ArchitectureTest} checks them on its classes, dist's on every shipped jar. Each rule
 * has a test that breaks it on purpose and sees it fail.
 */
public final class HouseRules {
  /** Where plugins live: one package each, {@code org.invariance.plugins.<name>}. */
  public static final String PLUGINS = "org.invariance.plugins..";
  /** The seed study's library (study/): a module beside the framework, not in it. */
  public static final String STUDY = "org.invariance.study..";

  /**
   * The framework's packages, lowest first: a package may depend on those of the tiers below its
   * own, never on its own tier's others or on any above (docs/ARCHITECTURE.md: files <- results;
   * config, results <- data, metrics <- model <- nn, analysis, plugin <- experiment <- report, bus
   * <- run <- sweep <- cluster <- cli).
   */
  public static final List<List<String>> TIERS = List.of(
      List.of("files", "config"),
      List.of("results"),
      List.of("data", "metrics"),
      List.of("model"),
      List.of("nn", "analysis", "plugin"),
      List.of("experiment"),
      List.of("report", "bus"),
      List.of("run"),
      List.of("sweep"),
      List.of("cluster"),
      List.of("cli"));

  private HouseRules() {}

  /** The framework's packages as ArchUnit names them ({@code org.invariance.run..}). */
  public static String[] frameworkPackages() {
    return TIERS.stream().flatMap(List::stream).map(p -> "org.invariance." + p + "..").toArray(String[]::new);
  }

  /** The core never names a plugin, nor the study's library. */
  public static ArchRule coreNamesNoPlugin() {
    return noClasses().that().resideInAnyPackage(frameworkPackages())
        .should().dependOnClassesThat().resideInAnyPackage(PLUGINS, STUDY)
        .because("the core never names a plugin (plugins are found by ServiceLoader) nor a study");
  }

  /** Every class of the framework sits in one of {@link #TIERS}' packages, so a new package has its place in the order. */
  public static ArchRule everyFrameworkClassHasATier() {
    return classes().that().resideInAPackage("org.invariance..").and().resideOutsideOfPackages(PLUGINS, STUDY, "org.invariance.bench..")
        .should().resideInAnyPackage(frameworkPackages())
        .because("each package of the framework has its tier in HouseRules.TIERS (and docs/ARCHITECTURE.md)");
  }

  /** The framework's packages depend only downward, tier by tier. */
  public static ArchRule packagesDependDownward() {
    LayeredArchitecture a = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true);
    for (List<String> tier : TIERS) {
      for (String p : tier) a = a.layer(p).definedBy("org.invariance." + p + "..");
    }
    List<String> below = new ArrayList<>();
    for (List<String> tier : TIERS) {
      for (String p : tier) {
        a = below.isEmpty() ? a.whereLayer(p).mayNotAccessAnyLayer() : a.whereLayer(p).mayOnlyAccessLayers(below.toArray(String[]::new));
      }
      below.addAll(tier);
    }
    return a.because("packages depend downward only (docs/ARCHITECTURE.md)");
  }

  /** No plugin depends on another: each plugin's package sees only the framework, the study's library and libraries. */
  public static ArchRule noPluginUsesAnother() {
    return slices().matching("org.invariance.plugins.(*)..").should().notDependOnEachOther()
        .because("no plugin imports another (each plugin module depends on the framework and libraries only)");
  }

  /** The study's library is below the plugins that use it: it names none. */
  public static ArchRule studyUsesNoPlugin() {
    return noClasses().that().resideInAPackage(STUDY).should().dependOnClassesThat().resideInAPackage(PLUGINS)
        .because("the study's library serves plugins and names none");
  }

  /** What a real check imports: the built classes and jars, not tests (test-classes folders, test-jars). */
  public static final ImportOption NO_TESTS = new ImportOption() {
    @Override
    public boolean includes(Location location) {
      return ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location) && !location.contains("-tests.jar");
    }
  };
}
