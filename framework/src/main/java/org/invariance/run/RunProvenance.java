package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.invariance.data.NpmPackage;
import org.invariance.experiment.ConfigBinder;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.PluginUse;
import org.invariance.plugin.PluginRegistry;

/**
 * The parts of {@code provenance.json} that say who ran what: host and user, the configuration of
 * every plugin as it ran (defaults included), the jar each plugin came from, and the SHA-256 of every
 * file the run wrote, so a result can be checked against its files later.
 */
public final class RunProvenance {
  private RunProvenance() {}

  static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return String.valueOf(System.getenv("HOSTNAME"));
    }
  }

  /** Every plugin's configuration as bound: what the YAML said and every default it left out. */
  static ObjectNode effectiveConfig(Experiment e) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    ObjectNode data = use(e.data());
    if (e.limits().trainLimit() != null) data.put("train_limit", e.limits().trainLimit());
    if (e.limits().testLimit() != null) data.put("test_limit", e.limits().testLimit());
    n.set("data", data);
    ObjectNode t = n.putObject("transforms");
    e.transforms().forEach((name, u) -> {
      ObjectNode tn = use(u.use());
      tn.set("amounts", ConfigBinder.MAPPER.valueToTree(u.amounts()));
      t.set(name, tn);
    });
    ObjectNode m = n.putObject("models");
    e.models().forEach((name, u) -> {
      ObjectNode mn = use(u.use());
      if (u.on() != null) mn.put("on", u.on());
      mn.put("transform", u.transform());
      m.set(name, mn);
    });
    ObjectNode p = n.putObject("probes");
    e.probes().forEach((name, u) -> {
      ObjectNode pn = use(u.use());
      pn.set("models", ConfigBinder.MAPPER.valueToTree(u.models()));
      pn.put("transform", u.transform());
      p.set(name, pn);
    });
    n.set("checkpoints", ConfigBinder.MAPPER.valueToTree(e.checkpoints()));
    if (e.watch() != null) n.set("watch", ConfigBinder.MAPPER.valueToTree(e.watch()));
    return n;
  }

  private static ObjectNode use(PluginUse u) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    n.put("plugin", u.plugin());
    JsonNode c = ConfigBinder.MAPPER.valueToTree(u.config());
    n.set("config", c == null || c.isNull() ? JsonNodeFactory.instance.objectNode() : c);
    return n;
  }

  /**
   * Where each plugin the experiment uses was loaded from: its jar, version and SHA-256, and whether
   * the distribution ships it (a jar beside the framework's) or it came from outside
   * ({@code INVARIANCE_PLUGIN_PATH}).
   */
  static ObjectNode pluginJars(Experiment e, PluginRegistry registry) {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    Path home = location(RunProvenance.class);
    Path dist = home != null && Files.isRegularFile(home) ? home.getParent() : null;
    record(n, "data", e.data().plugin(), registry.sources().get(e.data().plugin()), dist);
    e.transforms().values().forEach(u -> record(n, "transform", u.use().plugin(), registry.transforms().get(u.use().plugin()), dist));
    e.models().values().forEach(u -> record(n, "model", u.use().plugin(), registry.models().get(u.use().plugin()), dist));
    e.probes().values().forEach(u -> record(n, "probe", u.use().plugin(), registry.probes().get(u.use().plugin()), dist));
    return n;
  }

  private static void record(ObjectNode n, String kind, String name, Object plugin, Path dist) {
    if (plugin == null || n.has(name)) return;
    ObjectNode p = n.putObject(name);
    p.put("kind", kind);
    p.put("class", plugin.getClass().getName());
    Path jar = location(plugin.getClass());
    if (jar == null) return;
    p.put("from", jar.toString());
    if (!Files.isRegularFile(jar)) return; // a classes directory (a build's tests)
    p.put("shipped", dist != null && dist.equals(jar.getParent()));
    p.put("version", jarVersion(jar));
    try {
      p.put("sha256", NpmPackage.sha256(jar));
    } catch (IOException ex) {
      p.put("sha256", "unreadable: " + ex.getMessage());
    }
  }

  private static Path location(Class<?> c) {
    try {
      var src = c.getProtectionDomain().getCodeSource();
      return src == null ? null : Path.of(src.getLocation().toURI());
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      return null;
    }
  }

  /** The jar's version from its manifest, else its Maven pom.properties, else "unknown". */
  private static String jarVersion(Path jar) {
    try (JarFile j = new JarFile(jar.toFile())) {
      var m = j.getManifest();
      String v = m == null ? null : m.getMainAttributes().getValue("Implementation-Version");
      if (v != null) return v;
      var entries = j.stream().filter(en -> en.getName().startsWith("META-INF/maven/") && en.getName().endsWith("/pom.properties")).toList();
      for (var en : entries) {
        Properties p = new Properties();
        try (var in = j.getInputStream(en)) {
          p.load(in);
        }
        if (p.getProperty("version") != null) return p.getProperty("version");
      }
    } catch (IOException e) {
      return "unknown";
    }
    return "unknown";
  }

  /** Size and SHA-256 of every file under the run directory but the ones still being written (provenance, log, lock). */
  /**
   * The first output of a run (its report aside) that no longer has the size and SHA-256 its
   * provenance recorded ({@link #outputs}), in words; empty when all do. A later run trusts a finished run's files only
   * then (a sweep keeps a finished point only then).
   */
  public static Optional<String> changedOutput(Path dir, JsonNode outputs) throws IOException {
    for (Iterator<Map.Entry<String, JsonNode>> it = outputs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().startsWith("report/")) continue; // the report is drawn again from the rest whenever asked
      Path f = dir.resolve(e.getKey()).normalize();
      if (!f.startsWith(dir) || !Files.isRegularFile(f)) return Optional.of(f + " is missing");
      if (Files.size(f) != e.getValue().path("bytes").asLong(-1) || !NpmPackage.sha256(f).equals(e.getValue().path("sha256").asText())) {
        return Optional.of(f + " is not the file the run wrote (its size or SHA-256 differs from provenance.json's outputs)");
      }
    }
    return Optional.empty();
  }

  static ObjectNode outputs(Path dir) throws IOException {
    ObjectNode n = JsonNodeFactory.instance.objectNode();
    List<String> open = List.of("provenance.json", "provenance.json.tmp", "run.log", ".lock");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        String rel = dir.relativize(f).toString();
        if (open.contains(rel)) continue;
        ObjectNode o = n.putObject(rel);
        o.put("bytes", Files.size(f));
        o.put("sha256", NpmPackage.sha256(f));
      }
    }
    return n;
  }
}
