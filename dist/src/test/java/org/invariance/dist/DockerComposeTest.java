package org.invariance.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.invariance.metrics.PrometheusTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker/compose.yaml and docker/Dockerfile, read as compose and Docker would (no Docker engine
 * needed): no service runs as root, the experiment files are mounted read-only rather than built
 * into the image, Grafana sees only the folders it reads, the image build checks that the JRE has
 * the modules the launcher adds (the check itself run here against a JRE with and one without
 * them), and the cluster profile hangs together.
 */
class DockerComposeTest {
  static final Path ROOT = Path.of("..");
  static final Path DOCKER = ROOT.resolve("docker");
  static final Path COMPOSE = DOCKER.resolve("compose.yaml");
  static final Path DOCKERFILE = DOCKER.resolve("Dockerfile");
  private static final Pattern DEFAULTED = Pattern.compile("\\$\\{(\\w+):?-([^}]*)}");

  /** compose.yaml as compose reads it: SnakeYAML resolves the anchors and the merge keys ({@code <<: *invariance}). */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> services() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(COMPOSE));
    return (Map<String, Map<String, Object>>) compose.get("services");
  }

  /** ${NAME:-default} as compose fills it in when NAME is unset. */
  static String defaults(String s) {
    return DEFAULTED.matcher(s).replaceAll(m -> Matcher.quoteReplacement(m.group(2)));
  }

  @SuppressWarnings("unchecked")
  static List<String> list(Object o) {
    return o == null ? List.of() : ((List<Object>) o).stream().map(String::valueOf).toList();
  }

  /**
   * A volume: "source:target[:mode]", or the long syntax. {@code createsHostPath}: Docker makes a
   * missing bind source, as root's folder (the short syntax always, the long one when asked).
   */
  record Mount(String source, String target, boolean readOnly, boolean createsHostPath) {
    @SuppressWarnings("unchecked")
    static Mount of(Object spec) {
      if (spec instanceof Map<?, ?> m) {
        Map<String, Object> bind = (Map<String, Object>) m.get("bind");
        return new Mount(String.valueOf(m.get("source")), String.valueOf(m.get("target")), Boolean.TRUE.equals(m.get("read_only")),
            bind != null && Boolean.TRUE.equals(bind.get("create_host_path")));
      }
      String[] p = String.valueOf(spec).split(":");
      assertTrue(p.length == 2 || p.length == 3, "a short volume syntax: " + spec);
      return new Mount(p[0], p[1], p.length == 3 && Set.of(p[2].split(",")).contains("ro"), true);
    }

    /** A bind mount from the repository (a relative path), not a named volume. */
    boolean bind() {
      return source.startsWith(".");
    }

    Path hostPath() {
      return DOCKER.resolve(source).normalize();
    }
  }

  @SuppressWarnings("unchecked")
  static List<Mount> mounts(Map<String, Object> service) {
    Object volumes = service.get("volumes");
    return volumes == null ? List.of() : ((List<Object>) volumes).stream().map(Mount::of).toList();
  }

  /** The mount at {@code target}, or null. */
  static Mount at(List<Mount> mounts, String target) {
    return mounts.stream().filter(m -> m.target().equals(target)).findFirst().orElse(null);
  }

  /** A Dockerfile instruction with its continuation lines joined: keyword (upper case) and the rest. */
  record Instruction(String keyword, String args) {}

  /** The instructions of the Dockerfile's last stage (what the image is), comments left out. */
  static List<Instruction> finalStage() throws IOException {
    List<Instruction> all = new ArrayList<>();
    StringBuilder pending = new StringBuilder();
    for (String line : Files.readAllLines(DOCKERFILE)) {
      if (line.stripLeading().startsWith("#")) continue;
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      pending.append(line);
      String text = pending.toString().strip();
      pending.setLength(0);
      if (text.isEmpty()) continue;
      String[] kw = text.split("\\s+", 2);
      all.add(new Instruction(kw[0].toUpperCase(), kw.length > 1 ? kw[1] : ""));
    }
    int from = -1;
    for (int i = 0; i < all.size(); i++) if (all.get(i).keyword().equals("FROM")) from = i;
    assertTrue(from >= 0, "a FROM");
    return all.subList(from, all.size());
  }

  static String last(List<Instruction> stage, String keyword) {
    String out = null;
    for (Instruction i : stage) if (i.keyword().equals(keyword)) out = i.args();
    return out;
  }

  /** The services whose image is built from the Dockerfile (the framework's JVMs). */
  static Map<String, Map<String, Object>> framework() throws IOException {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    services().forEach((name, s) -> {
      if (s.containsKey("build")) out.put(name, s);
    });
    return out;
  }

  /** The uid part of "uid[:gid]" or "name[:group]" is not root's. */
  private static void assertNotRoot(String user, String who) {
    assertNotNull(user, who + " names its user");
    String uid = defaults(user).split(":")[0].strip();
    assertFalse(uid.isEmpty(), who + ": " + user);
    assertNotEquals("root", uid, who + " runs as root");
    if (uid.matches("\\d+")) assertNotEquals(0, Integer.parseInt(uid), who + " runs as uid 0");
  }

  @Test
  void noServiceRunsAsRoot() throws Exception {
    List<Instruction> stage = finalStage();
    String imageUser = last(stage, "USER");
    assertNotNull(imageUser, "the image sets a USER (else it runs as root)");
    assertTrue(imageUser.matches("\\d+(:\\d+)?"), "the image's user is a fixed uid (and gid), not a name resolved at run time: " + imageUser);
    assertNotRoot(imageUser, "the image");
    String uid = imageUser.split(":")[0];
    boolean created = stage.stream().anyMatch(i -> i.keyword().equals("RUN") && i.args().matches(".*\\buseradd\\b.*--uid " + uid + "\\b.*"));
    assertTrue(created, "the image creates its user with uid " + uid + " (a name and a home for it)");
    // the user comes last, so that nothing of the image's own runs as it by accident, and nothing runs as root after it
    int at = -1;
    for (int i = 0; i < stage.size(); i++) if (stage.get(i).keyword().equals("USER")) at = i;
    for (Instruction i : stage.subList(at, stage.size())) assertNotEquals("RUN", i.keyword(), "no RUN after USER: " + i);

    for (Map.Entry<String, Map<String, Object>> s : services().entrySet()) {
      Object user = s.getValue().get("user");
      if (user == null && s.getValue().containsKey("build")) user = imageUser; // the image's own
      assertNotNull(user, "service " + s.getKey() + " says which user it runs as (an image's default may be root)");
      assertNotRoot(String.valueOf(user), "service " + s.getKey());
    }
    // the framework runs as the image's user unless told otherwise (INVARIANCE_UID), so its files keep their owner
    for (Map.Entry<String, Map<String, Object>> s : framework().entrySet()) {
      Object user = s.getValue().get("user");
      if (user != null) assertEquals(imageUser, defaults(String.valueOf(user)), "service " + s.getKey() + " by default runs as the image's user");
    }
  }

  /**
   * The files a run writes are writable by the image's user: every VOLUME and the launcher's
   * remembered BLAS kernel (dist/target/.blas-kernel beside the launcher) are created by a RUN that
   * hands them over.
   */
  @Test
  void whatARunWritesIsWritableByTheUser() throws Exception {
    List<Instruction> stage = finalStage();
    String workdir = last(stage, "WORKDIR");
    assertEquals("/app", workdir);
    String launcher = Files.readString(ROOT.resolve("invariance"));
    assertTrue(launcher.contains("cache=\"$ROOT/dist/target/.blas-kernel\""), "the launcher remembers its BLAS kernel in dist/target");
    List<String> written = new ArrayList<>(List.of(workdir + "/dist/target"));
    JsonNode volume = new YAMLMapper().readTree(last(stage, "VOLUME"));
    volume.forEach(v -> written.add(v.asText()));
    assertTrue(written.contains("/cache") && written.contains(workdir + "/runs"), "volumes: " + written);
    String handOver = String.join("\n", stage.stream().filter(i -> i.keyword().equals("RUN") && i.args().matches(".*\\b(chown|chmod)\\b.*")).map(Instruction::args).toList());
    for (String path : written) {
      assertTrue(handOver.matches("(?s).*\\bchown [^&]*" + Pattern.quote(path) + "\\b.*"), path + " is handed to the image's user: " + handOver);
    }
    // the results folder: runs/ of the repository (not kept by git), which Docker must not make for root
    for (Map.Entry<String, Map<String, Object>> s : framework().entrySet()) {
      Mount runs = at(mounts(s.getValue()), workdir + "/runs");
      if (runs == null) continue;
      assertEquals("../runs", runs.source(), s.getKey());
      assertFalse(runs.readOnly(), s.getKey() + " writes its results");
      assertFalse(runs.createsHostPath(), s.getKey() + ": a missing runs/ stops compose rather than being made for root (long syntax, create_host_path: false)");
    }
  }

  /**
   * The experiment files are the repository's, mounted read-only where the command names them, not
   * copies built into the image: edit one and start again, no rebuild.
   */
  @Test
  void experimentFilesAreMountedReadOnlyNotBuiltIn() throws Exception {
    List<Instruction> stage = finalStage();
    for (Instruction i : stage) {
      if (i.keyword().equals("COPY") || i.keyword().equals("ADD")) {
        assertFalse(i.args().matches(".*\\bexperiments[\\w-]*\\.yaml\\b.*"), "the image holds no experiment file of the repository's root: " + i);
      }
    }
    String workdir = last(stage, "WORKDIR");
    int running = 0;
    for (Map.Entry<String, Map<String, Object>> s : framework().entrySet()) {
      List<String> command = list(s.getValue().get("command"));
      List<Mount> mounts = mounts(s.getValue());
      if (!command.isEmpty() && command.get(0).equals("run")) {
        running++;
        String file = workdir + "/" + command.get(1);
        Mount m = mounts.stream().filter(x -> file.equals(x.target()) || file.startsWith(x.target() + "/")).findFirst()
            .orElseThrow(() -> new AssertionError("service " + s.getKey() + " runs " + command.get(1) + " but mounts nothing at " + file + ": " + mounts));
        assertTrue(m.bind() && m.readOnly(), s.getKey() + ": " + command.get(1) + " comes read-only from the repository: " + m);
        Path host = m.hostPath().resolve(Path.of(m.target()).relativize(Path.of(file)).toString());
        assertTrue(Files.isRegularFile(host), s.getKey() + ": " + host + " exists in the repository");
        // results land in the repository's runs/, writable
        Mount runs = at(mounts, workdir + "/runs");
        assertTrue(runs != null && runs.source().equals("../runs") && !runs.readOnly(), s.getKey() + " writes its results to ../runs: " + mounts);
      }
      for (Mount m : mounts) {
        if (m.bind() && m.createsHostPath()) assertTrue(Files.exists(m.hostPath()), s.getKey() + ": " + m.hostPath() + " exists (else Docker makes an empty folder of it)");
        if (m.bind() && m.source().endsWith(".yaml")) assertTrue(m.readOnly(), s.getKey() + ": an experiment file is mounted read-only: " + m);
      }
    }
    assertEquals(2, running, "the single-JVM run and the coordinator run an experiment");
    Map<String, Object> single = services().get("invariance");
    assertEquals(new Mount("../experiments.yaml", workdir + "/experiments.yaml", true, true), at(mounts(single), workdir + "/experiments.yaml"), "experiments.yaml, read-only");
    // the image's default command runs the file compose mounts
    assertTrue(last(stage, "CMD").contains("\"experiments.yaml\""));
  }

  /** Grafana sees its datasource and dashboard provisioning and the dashboards, read-only, and nothing else of the repository. */
  @Test
  void grafanaMountsOnlyItsProvisioningFoldersAndDashboards() throws Exception {
    Map<String, Object> grafana = services().get("grafana");
    Map<String, String> expected = new LinkedHashMap<>();
    try (Stream<Path> dirs = Files.list(ROOT.resolve("grafana/provisioning"))) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        expected.put("../grafana/provisioning/" + d.getFileName(), "/etc/grafana/provisioning/" + d.getFileName());
      }
    }
    assertEquals(Set.of("dashboards", "datasources"), new TreeSet<>(expected.keySet().stream().map(k -> k.substring(k.lastIndexOf('/') + 1)).toList()));
    JsonNode provider = new YAMLMapper().readTree(ROOT.resolve("grafana/provisioning/dashboards/invariance.yaml").toFile());
    String dashboards = provider.path("providers").get(0).path("options").path("path").asText();
    expected.put("../grafana/dashboards", dashboards);

    Map<String, String> mounted = new LinkedHashMap<>();
    for (Mount m : mounts(grafana)) {
      assertTrue(m.bind(), "grafana keeps nothing in a named volume: " + m);
      assertTrue(m.readOnly(), "grafana mounts read-only: " + m);
      mounted.put(m.source(), m.target());
    }
    assertEquals(expected, mounted, "grafana mounts exactly the provisioning folders and the dashboards");
    @SuppressWarnings("unchecked")
    Map<String, Object> env = (Map<String, Object>) grafana.get("environment");
    String home = String.valueOf(env.get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    assertTrue(home.startsWith(dashboards + "/"), "the home dashboard is one of the mounted dashboards: " + home);
    assertTrue(Files.isRegularFile(ROOT.resolve("grafana/dashboards").resolve(home.substring(dashboards.length() + 1))), home);
  }

  /**
   * The image build fails on a JRE without the modules the launcher adds ({@code --add-modules}):
   * the check is there for each, and run here as the build would (with /bin/sh) it passes on this
   * JDK and fails, saying why, on a JRE that lists no such module.
   */
  @Test
  void imageBuildChecksTheModulesTheLauncherAdds(@TempDir Path dir) throws Exception {
    Matcher added = Pattern.compile("--add-modules[ =](\\S+)").matcher(Files.readString(ROOT.resolve("invariance")));
    Set<String> modules = new TreeSet<>();
    while (added.find()) modules.addAll(List.of(added.group(1).split(",")));
    assertTrue(modules.contains("jdk.incubator.vector"), "the launcher adds the Vector API: " + modules);

    List<Instruction> stage = finalStage();
    for (String module : modules) {
      List<String> checks = stage.stream().filter(i -> i.keyword().equals("RUN") && i.args().contains("java --list-modules") && i.args().replace("\\", "").contains(module))
          .map(Instruction::args).toList();
      assertEquals(1, checks.size(), "one RUN checks for " + module + " with java --list-modules");
      String check = checks.get(0);
      assertTrue(check.contains("exit 1"), "the check fails the build: " + check);
      // it runs before anything is installed, on the JRE the image runs with
      assertEquals("RUN", stage.get(1).keyword());
      assertEquals(check, stage.get(1).args(), "the check is the image's first step");

      String java = Path.of(System.getProperty("java.home"), "bin").toString();
      Result here = sh(check, java);
      boolean has = listsModule(module);
      assertEquals(has ? 0 : 1, here.rc(), "on this JDK (" + System.getProperty("java.home") + "): " + here.output());

      Path fake = dir.resolve("bin");
      Files.createDirectories(fake);
      Path stub = fake.resolve("java");
      Files.writeString(stub, "#!/bin/sh\necho java.base@17.0.15\necho jdk.incubator.foreign@17.0.15\necho " + module + "x@17.0.15\n");
      Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
      Result without = sh(check, fake.toString());
      assertEquals(1, without.rc(), "a JRE without " + module + " fails the build: " + without.output());
      assertTrue(without.output().contains(module), "and says which module: " + without.output());
    }
  }

  record Result(int rc, String output) {}

  private static Result sh(String command, String javaBin) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
    pb.environment().put("PATH", javaBin + ":/usr/bin:/bin");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the check ends");
    return new Result(p.exitValue(), out);
  }

  private static boolean listsModule(String module) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--list-modules").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out.lines().anyMatch(l -> l.startsWith(module + "@"));
  }

  /**
   * The profile {@code cluster}: a coordinator and two workers, members of one cluster by service
   * name, each scraped by Prometheus like the single-JVM run (each writes its target file into the
   * volume whose files Prometheus discovers); the services without a profile are
   * the single-JVM run, Prometheus and Grafana.
   */
  @Test
  void clusterProfileHangsTogether() throws Exception {
    Map<String, Map<String, Object>> services = services();
    Set<String> cluster = new TreeSet<>();
    Set<String> plain = new TreeSet<>();
    services.forEach((name, s) -> (list(s.get("profiles")).contains("cluster") ? cluster : plain).add(name));
    assertEquals(Set.of("cluster-key", "coordinator", "worker1", "worker2"), cluster);
    assertEquals(Set.of("invariance", "prometheus", "grafana"), plain);

    // the key: made once into a volume, which every member reads (read-only) and names with --cluster-key
    List<String> makesKey = list(services.get("cluster-key").get("command"));
    assertEquals("cluster-key", makesKey.get(0));
    assertTrue(makesKey.contains("--if-absent"), "an existing key is kept: " + makesKey);
    Mount keyVolume = at(mounts(services.get("cluster-key")), makesKey.get(1).substring(0, makesKey.get(1).lastIndexOf('/')));
    assertTrue(keyVolume != null && !keyVolume.bind(), "the key is made in a named volume: " + mounts(services.get("cluster-key")));
    Set<String> scraped = new TreeSet<>();
    for (Map.Entry<String, Map<String, Object>> s : framework().entrySet()) {
      List<String> command = list(s.getValue().get("command"));
      if (s.getKey().equals("cluster-key")) continue; // a one-shot step, not a JVM to watch
      int port = command.indexOf("--metrics-port");
      assertTrue(port > 0, s.getKey() + " serves metrics");
      assertEquals("0.0.0.0", command.get(command.indexOf("--metrics-host") + 1), s.getKey() + " serves metrics to the compose network");
      scraped.add(s.getKey() + ":" + command.get(port + 1));
      assertTrue(list(s.getValue().get("expose")).contains(command.get(port + 1)), s.getKey() + " exposes its metrics port");
      if (!cluster.contains(s.getKey())) continue;
      String host = command.get(command.indexOf("--cluster-host") + 1);
      assertEquals(s.getKey(), host, "a member is found by its service name");
      String self = host + ":" + command.get(command.indexOf("--cluster-port") + 1);
      List<String> members = List.of(command.get(command.indexOf("--members") + 1).split(","));
      assertTrue(members.contains(self), s.getKey() + " is among its members " + members);
      for (String member : members) assertTrue(cluster.contains(member.split(":")[0]), "member " + member + " is a cluster service");
      String keyFile = command.get(command.indexOf("--cluster-key") + 1);
      Mount key = mounts(s.getValue()).stream().filter(m -> keyFile.startsWith(m.target() + "/")).findFirst().orElse(null);
      assertTrue(key != null && key.source().equals(keyVolume.source()) && key.readOnly(), s.getKey() + " reads the key from its volume, read-only: " + key);
    }
    assertEquals(Set.of("worker1", "worker2"), new TreeSet<>(list(services.get("coordinator").get("depends_on"))), "the coordinator brings its workers");
    assertEquals("worker", list(services.get("worker1").get("command")).get(0));

    // Prometheus finds each of those JVMs through the file it writes (file-based discovery), never
    // through a static target as well: a JVM found twice would count twice in every sum
    JsonNode prometheus = new YAMLMapper().readTree(DOCKER.resolve("prometheus.yml").toFile());
    Set<String> globs = new TreeSet<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      assertTrue(job.path("static_configs").isMissingNode(), "no static target beside the discovered ones: " + job);
      assertTrue(job.path("honor_labels").asBoolean(), "the series' own experiment and worker labels win: " + job);
      for (JsonNode sd : job.path("file_sd_configs")) sd.path("files").forEach(f -> globs.add(f.asText()));
    }
    assertEquals(1, globs.size(), "one folder of target files: " + globs);
    String glob = globs.iterator().next();
    assertTrue(glob.endsWith("/*.json"), "the JVMs' <hostname>-<pid>.json files: " + glob);
    String folder = glob.substring(0, glob.length() - "/*.json".length());
    Mount seen = at(mounts(services.get("prometheus")), folder);
    assertTrue(seen != null && !seen.bind() && seen.readOnly(), "Prometheus reads the target files from a volume, read-only: " + mounts(services.get("prometheus")));
    String imageUserOwns = String.join("\n", finalStage().stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::args).toList());
    for (String service : scraped.stream().map(t -> t.split(":")[0]).toList()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> env = (Map<String, Object>) services.get(service).get("environment");
      String dir = env == null ? null : String.valueOf(env.get(PrometheusTarget.ENV));
      assertNotNull(dir, service + " sets " + PrometheusTarget.ENV);
      Mount written = at(mounts(services.get(service)), dir);
      assertTrue(written != null && written.source().equals(seen.source()) && !written.readOnly(),
          service + " writes its target file into the volume Prometheus reads: " + mounts(services.get(service)));
      // a new volume takes its mount point's owner: the image hands it to its user
      assertTrue(imageUserOwns.matches("(?s).*\\bchown [^&]*" + Pattern.quote(dir) + "\\b.*"), dir + " is handed to the image's user: " + imageUserOwns);
    }
    Mount config = at(mounts(services.get("prometheus")), "/etc/prometheus/prometheus.yml");
    assertTrue(config != null && config.source().equals("./prometheus.yml") && config.readOnly(), "Prometheus reads docker/prometheus.yml: " + config);
  }
}
