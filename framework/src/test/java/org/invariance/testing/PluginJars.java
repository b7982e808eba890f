package org.invariance.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Plugin jars built by a test, as someone outside the project would build them: Java sources
 * compiled against the framework with javax.tools, packed with java.util.jar with a
 * {@code META-INF/services/org.invariance.plugin.PluginModule} line per module.
 */
public final class PluginJars {
  public static final String SERVICE = "META-INF/services/org.invariance.plugin.PluginModule";

  private final Path classes;

  private PluginJars(Path classes) {
    this.classes = classes;
  }

  /** The class path the tests run on (surefire's, which names every jar). */
  public static String testClassPath() {
    String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    // a "dir/*" entry, as the java launcher takes it: javax.tools wants the jars themselves
    List<String> entries = new ArrayList<>();
    for (String e : path.split(File.pathSeparator)) {
      if (!e.endsWith("*")) {
        entries.add(e);
        continue;
      }
      try (Stream<Path> jars = Files.list(Path.of(e.substring(0, e.length() - 1)))) {
        jars.filter(j -> j.toString().endsWith(".jar")).sorted().forEach(j -> entries.add(j.toString()));
      } catch (IOException unreadable) {
        entries.add(e);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** Compiles {@code sources} (class name -> source) into {@code dir}/classes. */
  public static PluginJars compile(Path dir, Map<String, String> sources) throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", testClassPath(), "-proc:none", "-nowarn", "--release", "17"));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      args.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    if (javac == null) throw new IllegalStateException("no Java compiler in this JDK (" + System.getProperty("java.home") + ")");
    StringWriter out = new StringWriter();
    int rc = javac.run(null, new OutputStream() {
      @Override public void write(int b) {
        out.write(b);
      }
    }, new OutputStream() {
      @Override public void write(int b) {
        out.write(b);
      }
    }, args.toArray(String[]::new));
    if (rc != 0) throw new IllegalStateException("javac failed: " + out);
    return new PluginJars(classes);
  }

  /**
   * A jar of the compiled classes whose names start with one of {@code prefixes} (nested classes
   * included), listing {@code modules} in its services file (a name there need not exist).
   */
  public Path jar(Path file, List<String> prefixes, List<String> modules) throws IOException {
    try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file)); Stream<Path> all = Files.walk(classes)) {
      for (Path c : all.filter(Files::isRegularFile).sorted().toList()) {
        String entry = classes.relativize(c).toString().replace('\\', '/');
        String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        if (prefixes.stream().noneMatch(p -> name.equals(p) || name.startsWith(p + "$"))) continue;
        jar.putNextEntry(new JarEntry(entry));
        jar.write(Files.readAllBytes(c));
        jar.closeEntry();
      }
      jar.putNextEntry(new JarEntry(SERVICE));
      jar.write((String.join("\n", modules) + "\n").getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return file;
  }

  /** Calls {@code body} with a class loader that adds {@code jars} to the tests' as the thread's context loader (where ServiceLoader looks). */
  public static <T> T withPlugins(List<Path> jars, Callable<T> body) throws Exception {
    URL[] urls = new URL[jars.size()];
    for (int i = 0; i < urls.length; i++) urls[i] = jars.get(i).toUri().toURL();
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    try (URLClassLoader loader = new URLClassLoader(urls, PluginJars.class.getClassLoader())) {
      t.setContextClassLoader(loader);
      return body.call();
    } finally {
      t.setContextClassLoader(old);
    }
  }
}
