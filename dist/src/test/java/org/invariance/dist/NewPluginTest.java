package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.invariance.cli.Main;
import org.invariance.plugin.PluginRegistry;
import org.invariance.testing.PluginJars;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code ./invariance new-plugin KIND NAME}: each kind's project, as written, compiles against the
 * framework and its test harnesses (javax.tools, as Maven would with the parent's settings), its
 * tests run and pass (JUnit's launcher), the registry finds its plugin through its services file,
 * and its example experiment validates with the shipped plugins. CI (.ci/run) builds the same four
 * with Maven itself.
 */
class NewPluginTest {
  /** The kinds and the names docs/WRITING-A-PLUGIN.md shows them by. */
  static final Map<String, String> EXAMPLES = new LinkedHashMap<>();

  static {
    EXAMPLES.put("source", "stripes");
    EXAMPLES.put("transform", "contrast");
    EXAMPLES.put("model", "nearest-mean");
    EXAMPLES.put("probe", "activity-change");
  }

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  static Result newPlugin(String... args) {
    List<String> all = new ArrayList<>(List.of("new-plugin"));
    all.addAll(List.of(args));
    return cli(all.toArray(String[]::new));
  }

  /** The command line, in this JVM, its output kept. */
  static Result cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true));
    System.setErr(new PrintStream(e, true));
    try {
      return new Result(Main.execute(args), o.toString(), e.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void everyKindMakesAProjectThatCompilesWhoseTestsPassAndWhosePluginAndExampleLoad() throws Exception {
    for (Map.Entry<String, String> example : EXAMPLES.entrySet()) {
      String kind = example.getKey();
      String name = example.getValue();
      Path project = dir.resolve(name);
      Result r = newPlugin(kind, name, "--dir", project.toString());
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("the " + kind + " plugin '" + name + "'"), r.out());
      String pom = Files.readString(project.resolve("pom.xml"));
      assertTrue(pom.contains("<artifactId>invariance-plugins</artifactId>") && pom.contains("<artifactId>" + name + "</artifactId>"), pom);

      Path classes = compile(project.resolve("src/main/java"), project.resolve("target/classes"), PluginJars.testClassPath());
      copyTree(project.resolve("src/main/resources"), classes);
      Path testClasses = compile(project.resolve("src/test/java"), project.resolve("target/test-classes"),
          classes + File.pathSeparator + PluginJars.testClassPath());

      ClassLoader before = Thread.currentThread().getContextClassLoader();
      try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), testClasses.toUri().toURL()}, before)) {
        Thread.currentThread().setContextClassLoader(loader);
        TestExecutionSummary summary = runTests(loader, testClasses);
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 20);
        assertTrue(summary.getTestsFoundCount() >= 2, kind + ": " + summary.getTestsFoundCount() + " tests found");
        assertEquals(summary.getTestsFoundCount(), summary.getTestsSucceededCount(), kind + ": every test passes\n" + failures);

        PluginRegistry plugins = PluginRegistry.discover(); // the shipped plugins and, through its services file, the new one
        Set<String> names = switch (kind) {
          case "source" -> plugins.sources().keySet();
          case "transform" -> plugins.transforms().keySet();
          case "model" -> plugins.models().keySet();
          default -> plugins.probes().keySet();
        };
        assertTrue(names.contains(name), kind + "s: " + names);
        if (kind.equals("probe")) assertTrue(plugins.figures().containsKey(name), "its figures: " + plugins.figures().keySet());
        Result valid = cli("validate", project.resolve("example.yaml").toString()); // what CI asks of the launcher
        assertEquals(0, valid.code(), valid.err());
        assertTrue(valid.out().contains("valid: experiment '" + name + "-example'"), valid.out());
      } finally {
        Thread.currentThread().setContextClassLoader(before);
      }
    }
  }

  @Test
  void whatCannotMakeAProjectIsOneLineAndNothingIsWritten() throws Exception {
    Path taken = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(taken.resolve("notes.txt"), "mine");
    Result full = newPlugin("probe", "edge-density", "--dir", taken.toString());
    assertEquals(2, full.code());
    assertEquals(taken + ": is not empty: new-plugin writes only into a new or empty folder, never over a file", full.err().strip());
    assertEquals(List.of(taken.resolve("notes.txt")), list(taken));

    Result badName = newPlugin("probe", "Edge_Density", "--dir", dir.resolve("a").toString());
    assertEquals(2, badName.code());
    assertTrue(badName.err().startsWith("invariance new-plugin: NAME: 'Edge_Density' is not a plugin name: lower-case words"), badName.err());
    Result badKind = newPlugin("layer", "edge-density", "--dir", dir.resolve("b").toString());
    assertEquals(2, badKind.code());
    assertTrue(badKind.err().startsWith("invariance new-plugin: KIND: 'layer' is none of source, transform, model, probe"), badKind.err());
    Result keyword = newPlugin("transform", "blur", "--package", "org.example.new", "--dir", dir.resolve("c").toString());
    assertEquals(2, keyword.code());
    assertTrue(keyword.err().contains("--package: 'org.example.new': 'new' is a Java keyword"), keyword.err());
    Result shipped = newPlugin("probe", "cka", "--dir", dir.resolve("d").toString());
    assertEquals(2, shipped.code());
    assertTrue(shipped.err().contains("NAME: a probe named 'cka' is already on the class path"), shipped.err());
    for (String d : List.of("a", "b", "c", "d")) assertTrue(!Files.exists(dir.resolve(d)), d + " not written");

    // a name whose words make a package segment Java accepts, and a package given
    Result ok = newPlugin("transform", "blur-3x3", "--package", "my.lab.blur", "--dir", dir.resolve("e").toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(Files.isRegularFile(dir.resolve("e/src/main/java/my/lab/blur/Blur3x3Transform.java")));
    assertEquals("my.lab.blur.Blur3x3Module\n", Files.readString(dir.resolve("e/src/main/resources/META-INF/services/org.invariance.plugin.PluginModule")));
    assertTrue(Files.readString(dir.resolve("e/pom.xml")).contains("<groupId>my.lab</groupId>"));
  }

  private static List<Path> list(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.toList();
    }
  }

  /** Every .java file under {@code sources} compiled into {@code out} on {@code classPath}, as the parent pom compiles (release 17, every lint). */
  static Path compile(Path sources, Path out, String classPath) throws IOException {
    Files.createDirectories(out);
    List<File> files;
    try (Stream<Path> s = Files.walk(sources)) {
      files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      List<String> options = List.of("--release", "17", "-Xlint:all,-processing,-serial", "-proc:none", "-d", out.toString(), "-cp", classPath);
      boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files)).call();
      StringBuilder said = new StringBuilder();
      diagnostics.getDiagnostics().forEach(d -> said.append(d).append('\n'));
      assertTrue(ok, "javac: " + said);
      assertEquals("", said.toString(), "no warnings either");
    }
    return out;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        Files.createDirectories(target.getParent());
        Files.copy(p, target);
      }
    }
  }

  /** Every test class under {@code testClasses}, run by JUnit's launcher from {@code loader}. */
  private static TestExecutionSummary runTests(ClassLoader loader, Path testClasses) throws Exception {
    List<Class<?>> tests = new ArrayList<>();
    try (Stream<Path> s = Files.walk(testClasses)) {
      for (Path p : s.filter(f -> f.toString().endsWith("Test.class")).toList()) {
        String name = testClasses.relativize(p).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
        tests.add(loader.loadClass(name));
      }
    }
    LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request();
    tests.forEach(t -> request.selectors(selectClass(t)));
    LauncherDiscoveryRequest built = request.build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    launcher.execute(built, listener);
    return listener.getSummary();
  }
}
