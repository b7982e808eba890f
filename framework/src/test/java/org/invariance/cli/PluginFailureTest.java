package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.PluginException;
import org.invariance.testing.PluginJars;
import org.invariance.testing.TestPlugins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plugins from jars outside the project (as INVARIANCE_PLUGIN_PATH adds them) that fail: whatever
 * they throw, and wherever (a module's static initialiser, constructor or configure(), a plugin
 * class's constructor, a probe's run(), a model's train(), figures' draw()), the command says it in
 * one line naming the plugin and its jar, with the stack trace only under -v; two plugins that
 * register one name are both named.
 */
class PluginFailureTest {
  @TempDir static Path build;
  @TempDir Path dir;

  static PluginJars classes;

  private static final String HEAD = "package acme;\nimport org.invariance.plugin.*;\nimport org.invariance.model.Model;\n";

  @BeforeAll
  static void compile() throws Exception {
    Map<String, String> src = new LinkedHashMap<>();
    src.put("acme.StaticBoomModule", HEAD + """
        public final class StaticBoomModule extends PluginModule {
          static final int X = boom();
          static int boom() { throw new IllegalStateException("static boom"); }
          @Override protected void configure() {}
        }
        """);
    src.put("acme.CtorBoomModule", HEAD + """
        public final class CtorBoomModule extends PluginModule {
          public CtorBoomModule() { throw new IllegalStateException("constructor boom"); }
          @Override protected void configure() {}
        }
        """);
    src.put("acme.ConfigureBoomModule", HEAD + """
        public final class ConfigureBoomModule extends PluginModule {
          @Override protected void configure() { throw new IllegalStateException("configure boom"); }
        }
        """);
    src.put("acme.BadProbeModule", HEAD + """
        public final class BadProbeModule extends PluginModule {
          @Override protected void configure() { probe("bad-probe").to(BadProbe.class); }
          public static final class BadProbe implements Probe<NoConfig> {
            public BadProbe() { throw new IllegalStateException("probe constructor boom"); }
            @Override public Class<NoConfig> configType() { return NoConfig.class; }
            @Override public void run(ProbeContext c, NoConfig n) {}
          }
        }
        """);
    for (String twin : List.of("TwinA", "TwinB", "CountClone")) {
      String name = twin.equals("CountClone") ? "count" : "twin";
      src.put("acme." + twin + "Module", HEAD + """
          public final class %sModule extends PluginModule {
            @Override protected void configure() { probe("%s").to(P.class); }
            public static final class P implements Probe<NoConfig> {
              @Override public Class<NoConfig> configType() { return NoConfig.class; }
              @Override public void run(ProbeContext c, NoConfig n) {}
            }
          }
          """.formatted(twin, name));
    }
    src.put("acme.ExplodeModule", HEAD + """
        public final class ExplodeModule extends PluginModule {
          @Override protected void configure() {
            probe("explode").to(ExplodeProbe.class);
            model("explode-model").to(ExplodeModel.class);
            probe("drawfail").to(RowProbe.class);
            figures("drawfail").to(DrawFail.class);
            probe("badcell").to(RowProbe.class);
            figures("badcell").to(BadCell.class);
          }
          public static final class ExplodeProbe implements Probe<NoConfig> {
            @Override public Class<NoConfig> configType() { return NoConfig.class; }
            @Override public void run(ProbeContext c, NoConfig n) { throw new IllegalStateException("probe run boom"); }
          }
          public static final class RowProbe implements Probe<NoConfig> {
            @Override public Class<NoConfig> configType() { return NoConfig.class; }
            @Override public void run(ProbeContext c, NoConfig n) { c.results().row(c.models().get(0), "D", "x", 1.0); }
          }
          public static final class DrawFail implements Figures {
            @Override public void draw(ReportContext c) { throw new IllegalStateException("draw boom"); }
          }
          public static final class BadCell implements Figures {
            @Override public void draw(ReportContext c) { c.results().rows().get(0).number("model"); }
          }
          public static final class ExplodeModel implements ModelPlugin<NoConfig> {
            @Override public Class<NoConfig> configType() { return NoConfig.class; }
            @Override public Model train(TrainingContext c, NoConfig n) { throw new IllegalStateException("train boom"); }
            @Override public Model read(java.io.DataInputStream in, NoConfig n, Model up) throws java.io.IOException { throw new java.io.IOException("no"); }
          }
        }
        """);
    classes = PluginJars.compile(build, src);
  }

  private Path jar(String name, String module) throws Exception {
    return classes.jar(dir.resolve(name), List.of("acme." + module), List.of("acme." + module));
  }

  private static MainTest.Printed plugins(List<Path> jars, String... args) throws Exception {
    return PluginJars.withPlugins(jars, () -> MainTest.printed(args));
  }

  /** One line on stderr, exit 2, no stack trace. */
  private static void oneLine(String expected, MainTest.Printed p) {
    assertEquals(2, p.code(), p.err());
    assertEquals(expected, p.err().strip());
    assertFalse(p.err().contains("\tat "), p.err());
  }

  @Test
  void aModuleThrowingInItsStaticInitialiserIsOneLineNamingItsJar() throws Exception {
    Path jar = jar("static.jar", "StaticBoomModule");
    oneLine("plugin module acme.StaticBoomModule (in " + jar + ") failed to load: static boom (in a static initialiser)", plugins(List.of(jar), "plugins"));
  }

  @Test
  void aModuleThrowingInItsConstructorIsOneLineAndMinusVShowsTheStackTrace() throws Exception {
    Path jar = jar("ctor.jar", "CtorBoomModule");
    String line = "plugin module acme.CtorBoomModule (in " + jar + ") failed to load: constructor boom";
    oneLine(line, plugins(List.of(jar), "plugins"));
    MainTest.Printed verbose = plugins(List.of(jar), "-v", "plugins");
    assertEquals(2, verbose.code());
    assertTrue(verbose.err().contains(line + System.lineSeparator()), verbose.err());
    assertTrue(verbose.err().contains("\tat acme.CtorBoomModule.<init>"), "-v: the stack trace: " + verbose.err());
  }

  @Test
  void aModuleWhoseConfigureThrowsIsOneLine() throws Exception {
    Path jar = jar("configure.jar", "ConfigureBoomModule");
    oneLine("plugin module acme.ConfigureBoomModule (in " + jar + ") failed to load: configure boom", plugins(List.of(jar), "plugins"));
  }

  @Test
  void aProbeClassWhoseConstructorThrowsIsOneLineNamingTheProbeAndItsModule() throws Exception {
    Path jar = jar("badprobe.jar", "BadProbeModule");
    String line = "plugin module acme.BadProbeModule (in " + jar + ") failed to load: probe 'bad-probe' (acme.BadProbeModule$BadProbe): probe constructor boom";
    oneLine(line, plugins(List.of(jar), "plugins"));
    // every command that loads plugins says the same
    Path f = Files.writeString(dir.resolve("e.yaml"), TestPlugins.BARS);
    oneLine(line, plugins(List.of(jar), "validate", f.toString()));
  }

  @Test
  void aModuleListedButMissingIsNamedWithTheJarThatListsIt() throws Exception {
    Path jar = classes.jar(dir.resolve("missing.jar"), List.of(), List.of("acme.NoSuchModule"));
    oneLine("plugin module acme.NoSuchModule (listed in " + jar + ") failed to load: class not found", plugins(List.of(jar), "plugins"));
  }

  @Test
  void aNameRegisteredTwiceNamesBothJars() throws Exception {
    Path a = jar("a.jar", "TwinAModule");
    Path b = jar("b.jar", "TwinBModule");
    oneLine("probe 'twin' is registered by two plugins: " + a + " (acme.TwinAModule) and " + b + " (acme.TwinBModule)", plugins(List.of(a, b), "plugins"));
    // a name the class path already has: the jar (or classes folder) it came from is named first
    Path c = jar("c.jar", "CountCloneModule");
    Path shipped = PluginException.jar(TestPlugins.class);
    oneLine("probe 'count' is registered by two plugins: " + shipped + " (" + TestPlugins.class.getName() + ") and " + c + " (acme.CountCloneModule)",
        plugins(List.of(c), "plugins"));
  }

  private Path explodeJar() throws Exception {
    return jar("explode.jar", "ExplodeModule");
  }

  private Path experiment(String models, String probes) throws Exception {
    return Files.writeString(dir.resolve("e.yaml"), "name: x\nseed: 1\ndata: {plugin: test-digits, count: 20}\ntransforms: {shift: {amounts: [0]}}\n"
        + "models: " + models + "\nprobes: " + probes + "\n");
  }

  private MainTest.Printed run(Path jar, Path experiment, Path out) throws Exception {
    return plugins(List.of(jar), "run", experiment.toString(), "--out", out.toString(), "--cache", dir.resolve("cache").toString(), "--metrics-port", "0");
  }

  private static JsonNode provenance(Path out) throws Exception {
    return new ObjectMapper().readTree(out.resolve("provenance.json").toFile());
  }

  @Test
  void aProbeWhoseRunThrowsFailsTheRunInOneLineNamingThePluginAndItsJar() throws Exception {
    Path jar = explodeJar();
    Path out = dir.resolve("run");
    MainTest.Printed p = run(jar, experiment("{A: {plugin: fixed-encoder, units: 2}, H: {plugin: fixed-head, on: A}}", "{explode: {}, count: {}}"), out);
    assertEquals(1, p.code(), p.err());
    String line = "failed: probe explode: plugin 'explode' (acme.ExplodeModule$ExplodeProbe in " + jar + "): probe run boom";
    assertTrue(p.err().lines().anyMatch(line::equals), p.err());
    assertFalse(p.err().contains("\tat "), p.err());
    assertEquals("failed", provenance(out).path("status").asText());
    assertTrue(Files.isRegularFile(out.resolve("count.csv")), "the other probe still ran: " + p.err());
  }

  @Test
  void aModelWhoseTrainThrowsFailsTheRunInOneLineNamingThePluginAndItsJar() throws Exception {
    Path jar = explodeJar();
    Path out = dir.resolve("run");
    MainTest.Printed p = run(jar, experiment("{A: {plugin: explode-model}}", "{count: {}}"), out);
    assertEquals(1, p.code(), p.err());
    String line = "error: model A: plugin 'explode-model' (acme.ExplodeModule$ExplodeModel in " + jar + "): train boom";
    assertTrue(p.err().lines().anyMatch(line::equals), p.err());
    assertFalse(p.err().contains("\tat "), p.err());
    assertEquals("failed", provenance(out).path("status").asText());
  }

  @Test
  void figuresWhoseDrawThrowsAreMissingFromThePageAndNamedWithTheirJar() throws Exception {
    Path jar = explodeJar();
    Path out = dir.resolve("run");
    MainTest.Printed p = run(jar, experiment("{A: {plugin: fixed-encoder, units: 2}}", "{drawfail: {}}"), out);
    assertEquals(1, p.code(), p.err());
    String line = "failed: report: figures of probe drawfail: plugin 'drawfail' (acme.ExplodeModule$DrawFail in " + jar + "): draw boom";
    assertTrue(p.err().lines().anyMatch(line::equals), p.err());
    assertFalse(p.err().contains("\tat "), p.err());
    assertEquals("failed", provenance(out).path("status").asText());
    assertTrue(Files.readString(out.resolve("report/index.html")).contains("draw boom"), "the page lists the missing figures");
  }

  /** The report of a run that cannot read its own CSV: no page, the run failed (never left running) with the file and line. */
  @Test
  void aReportThatCannotReadACsvLeavesTheRunFailedWithTheFileAndLine() throws Exception {
    Path jar = explodeJar();
    Path out = dir.resolve("run");
    MainTest.Printed p = run(jar, experiment("{A: {plugin: fixed-encoder, units: 2}}", "{badcell: {}}"), out);
    assertEquals(1, p.code(), p.err());
    String problem = out.resolve("badcell.csv") + ":2: model: not a number: 'A'";
    assertTrue(p.err().lines().anyMatch(("failed: report: " + problem)::equals), p.err());
    assertFalse(p.err().contains("\tat "), p.err());
    JsonNode prov = provenance(out);
    assertEquals("failed", prov.path("status").asText());
    assertEquals(problem, prov.path("report").path("error").asText());
    assertFalse(Files.exists(out.resolve("report/index.html")), "no page drawn from what could not be read");
  }
}
