package org.invariance.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.invariance.files.AtomicWrite;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code provenance.json}: what made every number of a run (resolved config, seed, data checksum,
 * versions, git commit, the models used and where they came from). Written when the run starts and
 * rewritten as it progresses, so even a failed run says what it was. Every part of the run records
 * through the typed methods here, so the file is assembled in one place.
 */
public final class Provenance {
  // writes provenance.json, not a config binder: ConfigMapper's settings would change its bytes
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final Path file;

  public Provenance(Path file) {
    this.file = file;
  }

  public ObjectNode root() {
    return root;
  }

  public synchronized ObjectNode section(String name) {
    JsonNode n = root.get(name);
    return n instanceof ObjectNode o ? o : root.putObject(name);
  }

  /** Sets a top-level value and writes the file. */
  public synchronized void put(String key, String value) throws IOException {
    root.put(key, value);
    write();
  }

  /** Records one entry of a section ({@code models.AER}, {@code data.checksum}) and writes the file. */
  public synchronized void record(String section, String key, JsonNode value) throws IOException {
    section(section).set(key, value);
    write();
  }

  /** Appends an entry to a list ({@code probes}) and writes the file. */
  public synchronized void append(String list, JsonNode value) throws IOException {
    JsonNode n = root.get(list);
    (n instanceof ArrayNode a ? a : root.putArray(list)).add(value);
    write();
  }

  public synchronized void write() throws IOException {
    AtomicWrite.bytes(file, out -> JSON.writeValue(out, root));
  }

  private static volatile List<String> command = List.of();

  /** The command line this JVM was started with (set once by the CLI), for every run it makes. */
  public static void command(List<String> args) {
    command = List.copyOf(args);
  }

  public static List<String> command() {
    return command;
  }

  /**
   * The code that ran, as the build recorded it ({@code org/invariance/build.properties}, filled in
   * by Maven): version, git commit (with "-dirty" when the tree had changes), build time.
   */
  public static ObjectNode build() {
    ObjectNode b = JsonNodeFactory.instance.objectNode();
    Properties p = new Properties();
    try (var in = Provenance.class.getResourceAsStream("/org/invariance/build.properties")) {
      if (in != null) p.load(in);
    } catch (IOException e) {
      // a build without the file: every value says unknown
    }
    for (String k : new String[] {"version", "commit", "built"}) {
      String v = p.getProperty(k);
      b.put(k, v == null || v.isBlank() || v.startsWith("${") ? "unknown" : v);
    }
    String launcher = System.getenv("INVARIANCE_GIT_COMMIT"); // a build without .git (a container): the commit its builder passed
    if (b.path("commit").asText().equals("unknown") && launcher != null && !launcher.isBlank()) b.put("commit", launcher);
    else if ("true".equals(p.getProperty("dirty")) && !b.path("commit").asText().equals("unknown")) b.put("commit", b.path("commit").asText() + "-dirty");
    return b;
  }

  /** Versions of the code and the platform that computed the numbers. */
  public static ObjectNode versions() {
    ObjectNode v = JsonNodeFactory.instance.objectNode();
    v.put("invariance", build().path("version").asText());
    v.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
    v.put("nd4j", mavenVersion(Nd4j.class, "org.nd4j", "nd4j-api"));
    v.put("vertx", mavenVersion(Vertx.class, "io.vertx", "vertx-core"));
    v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    v.put("openblas_coretype", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
    v.put("omp_num_threads", String.valueOf(System.getenv("OMP_NUM_THREADS")));
    return v;
  }

  /** A library's version as its jar says (manifest, else Maven's pom.properties), never written in here. */
  private static String mavenVersion(Class<?> c, String group, String artifact) {
    Package p = c.getPackage();
    String v = p == null ? null : p.getImplementationVersion();
    if (v != null) return v;
    try (var in = c.getResourceAsStream("/META-INF/maven/" + group + "/" + artifact + "/pom.properties")) {
      if (in == null) return "unknown";
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The git commit of the working tree at {@code dir}, with "-dirty" if it has changes. */
  public static String gitCommit(Path dir) {
    try {
      String head = run(dir, "git", "rev-parse", "HEAD");
      if (head == null || head.isBlank()) return "unknown";
      String status = run(dir, "git", "status", "--porcelain", "--untracked-files=no");
      return head.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String run(Path dir, String... cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    return out;
  }

  /** Which JVM ran this: a cluster worker's name (system property {@code invariance.worker}, set by the worker), else "local". */
  public static String worker() {
    String w = System.getProperty("invariance.worker");
    return w == null || w.isBlank() ? "local" : w;
  }

  public static String now() {
    return Instant.now().toString();
  }
}
