package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.invariance.plugin.PluginException;
import org.invariance.testing.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar from outside the distribution (INVARIANCE_PLUGIN_PATH puts it on the class path
 * after the shipped ones) that registers a probe name a shipped plugin has, or whose module throws,
 * in the CLI's own JVM: everything it prints is one line naming both jars, or the plugin and its
 * jar; exit 2; no stack trace (but with -v).
 */
class PluginFailuresTest {
  @TempDir Path dir;

  record Ran(int exit, String out, String err) {}

  private Ran cli(Path jar, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-Djava.awt.headless=true",
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")) + File.pathSeparator + jar, "org.invariance.cli.Main"));
    cmd.addAll(List.of(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command ends");
    } finally {
      if (p.isAlive()) p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private PluginJars compile(String module, String body) throws Exception {
    return PluginJars.compile(dir.resolve("build-" + module), Map.of("acme." + module, """
        package acme;
        import org.invariance.plugin.*;
        public final class %s extends PluginModule {
        %s
        }
        """.formatted(module, body)));
  }

  @Test
  void aProbeNameTheDistributionHasNamesBothJars() throws Exception {
    Path jar = compile("OtherCkaModule", """
          @Override protected void configure() { probe("cka").to(P.class); }
          public static final class P implements Probe<NoConfig> {
            @Override public Class<NoConfig> configType() { return NoConfig.class; }
            @Override public void run(ProbeContext c, NoConfig n) {}
          }
        """).jar(dir.resolve("other-cka.jar"), List.of("acme.OtherCkaModule"), List.of("acme.OtherCkaModule"));
    Path shipped = PluginException.jar(Class.forName("org.invariance.plugins.cka.CkaModule"));
    Ran r = cli(jar, "plugins");
    assertEquals(2, r.exit(), r.err());
    assertEquals("probe 'cka' is registered by two plugins: " + shipped + " (org.invariance.plugins.cka.CkaModule) and " + jar + " (acme.OtherCkaModule)\n", r.err());
    assertEquals("", r.out());
  }

  @Test
  void aModuleThrowingInItsStaticInitialiserIsOneLineAndMinusVShowsWhere() throws Exception {
    Path jar = compile("BrokenModule", """
          static final int X = boom();
          static int boom() { throw new IllegalStateException("no licence file"); }
          @Override protected void configure() {}
        """).jar(dir.resolve("broken.jar"), List.of("acme.BrokenModule"), List.of("acme.BrokenModule"));
    String line = "plugin module acme.BrokenModule (in " + jar + ") failed to load: no licence file (in a static initialiser)";
    Path f = Files.writeString(dir.resolve("e.yaml"), "name: x\nseed: 1\n");
    for (String[] args : new String[][] {{"plugins"}, {"validate", f.toString()}, {"run", f.toString(), "--out", dir.resolve("run").toString()}}) {
      Ran r = cli(jar, args);
      assertEquals(2, r.exit(), r.err());
      assertEquals(line + "\n", r.err(), String.join(" ", args));
    }
    Ran verbose = cli(jar, "-v", "plugins");
    assertEquals(2, verbose.exit(), verbose.err());
    assertTrue(verbose.err().contains(line + "\n"), verbose.err());
    assertTrue(verbose.err().contains("\tat acme.BrokenModule.boom"), "-v: the stack trace: " + verbose.err());
    assertFalse(Files.exists(dir.resolve("run")), "no run directory for a run that never began");
  }
}
