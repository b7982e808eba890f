package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What makes a directory a run of this project, and which of its files such a run wrote: what
 * {@code --overwrite} may remove. A directory is a run when its {@code provenance.json} (a single
 * run) or {@code sweep.json} (a sweep) is a JSON object naming its experiment, run id and config id,
 * as only a run writes it; an empty file, {@code {}} or text is not. A run's files are those its
 * provenance lists under {@code outputs}, its provenance and log, and the files a run writes by
 * name (each probe's CSVs and their unfinished {@code .partial}, {@code training.csv}, the report);
 * a sweep's are its points' (each a run), its summary and report. Nothing else, so a user's notes
 * beside a run survive {@code --overwrite}.
 */
final class RunFiles {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Files every run writes by name, beside what its outputs list (those it holds open while it runs). */
  private static final List<String> OWN = List.of("provenance.json", "provenance.json.tmp", "run.log", ".lock", "training.csv", "training.csv.partial",
      "sweep.json", "sweep.json.tmp", "cluster.json", "report/index.html", "report/claims.csv");

  private RunFiles() {}

  /** A run's record: its provenance.json or sweep.json, when it is one a run wrote. */
  static Optional<JsonNode> record(Path dir) {
    for (String f : List.of("sweep.json", "provenance.json")) {
      Path p = dir.resolve(f);
      if (!Files.isRegularFile(p)) continue;
      try {
        JsonNode n = JSON.readTree(p.toFile());
        if (n != null && n.isObject() && text(n, "experiment") && text(n, "run_id") && text(n, "config_id")) return Optional.of(n);
      } catch (IOException e) {
        // not JSON: no run's record
      }
    }
    return Optional.empty();
  }

  private static boolean text(JsonNode n, String field) {
    return n.path(field).isTextual() && !n.path(field).asText().isBlank();
  }

  /** Every file under {@code dir} that a run of this project wrote, by its record. */
  static Set<Path> written(Path dir) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    Optional<JsonNode> record = record(dir);
    if (record.isEmpty()) return out;
    JsonNode r = record.get();
    for (String own : OWN) out.add(dir.resolve(own));
    for (Iterator<String> it = r.path("outputs").fieldNames(); it.hasNext(); ) out.add(dir.resolve(it.next()).normalize());
    for (Iterator<String> it = r.path("config").path("probes").fieldNames(); it.hasNext(); ) {
      String probe = it.next();
      for (String suffix : List.of(".csv", ".csv.partial", "_summary.csv", "_summary.csv.partial")) out.add(dir.resolve(probe + suffix));
    }
    figures(dir.resolve("report").resolve("figures"), out);
    for (JsonNode point : r.path("points")) {
      Path p = Path.of(point.path("dir").asText("")).normalize();
      Path pointDir = p.isAbsolute() ? p : dir.resolve(p).normalize();
      if (pointDir.startsWith(dir) && !pointDir.equals(dir)) out.addAll(written(pointDir));
    }
    Path summary = dir.resolve("summary");
    if (Files.isDirectory(summary)) {
      try (Stream<Path> s = Files.list(summary)) {
        s.filter(f -> f.getFileName().toString().endsWith(".csv")).forEach(out::add);
      }
    }
    out.removeIf(p -> !p.startsWith(dir));
    return out;
  }

  /** The report's figure files, which a run names {@code figure-<n>-<k>.png} and {@code extra-<n>-<k>.png}. */
  private static void figures(Path dir, Set<Path> out) throws IOException {
    if (!Files.isDirectory(dir)) return;
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(f -> f.getFileName().toString().matches("(figure|extra)-[A-Za-z0-9]+-\\d+\\.(png|svg|csv)")).forEach(out::add);
    }
  }

  /**
   * Removes the files a run wrote and the folders they leave empty; returns the files it left (not
   * a run's), so the user can be told.
   */
  static List<Path> removeRun(Path dir) throws IOException {
    Set<Path> written = written(dir);
    for (Path f : written) {
      if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(f)) Files.delete(f);
    }
    List<Path> kept = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        if (p.equals(dir)) continue;
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> inside = Files.list(p)) {
            if (inside.findAny().isEmpty()) Files.delete(p);
          }
        } else {
          kept.add(dir.relativize(p));
        }
      }
    }
    return kept;
  }
}
