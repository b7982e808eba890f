package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.invariance.data.NpmPackage;

/**
 * The probes an unfinished run of the same configuration already finished, read from its
 * provenance before the resumed run replaces it: a probe is kept (not run again) when it finished
 * with the same config and its CSVs still have the SHA-256s recorded then. So a run (or a sweep's
 * point) killed in its last probe resumes with that probe alone.
 */
final class KeptProbes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, JsonNode> finished = new HashMap<>();
  private final JsonNode configs;

  private KeptProbes(JsonNode provenance) {
    for (JsonNode p : provenance.path("probes")) if ("finished".equals(p.path("status").asText())) finished.put(p.path("name").asText(), p);
    this.configs = provenance.path("config_with_defaults").path("probes");
  }

  /** What {@code dir}'s provenance says finished; nothing when it holds no readable provenance. */
  static KeptProbes in(Path dir) {
    Path f = dir.resolve("provenance.json");
    try {
      if (Files.isRegularFile(f)) return new KeptProbes(JSON.readTree(f.toFile()));
    } catch (IOException e) {
      // a provenance cut short: nothing is kept, every probe runs
    }
    return new KeptProbes(JSON.createObjectNode());
  }

  /**
   * The provenance entry of {@code probe} when it finished before with {@code config} (its config
   * with defaults, as provenance records it) and its files are unchanged; null to run it.
   */
  ObjectNode keep(String probe, JsonNode config, Path dir) throws IOException {
    JsonNode before = finished.get(probe);
    if (before == null || !config.equals(configs.path(probe))) return null;
    for (String[] f : List.of(new String[] {"file", "sha256"}, new String[] {"summary_file", "summary_sha256"})) {
      if (!before.has(f[0])) continue;
      Path file = dir.resolve(before.path(f[0]).asText()).normalize();
      if (!file.startsWith(dir) || !Files.isRegularFile(file) || !NpmPackage.sha256(file).equals(before.path(f[1]).asText())) return null;
    }
    if (!before.has("sha256")) return null;
    ObjectNode kept = ((ObjectNode) before).deepCopy();
    kept.put("origin", "kept: finished before this run resumed");
    return kept;
  }

  /** Records the SHA-256 of a finished probe's files in its provenance entry, so a resumed run can keep it. */
  static void recordHashes(ObjectNode entry, Path dir) throws IOException {
    if (entry.has("file")) entry.put("sha256", NpmPackage.sha256(dir.resolve(entry.path("file").asText())));
    if (entry.has("summary_file")) entry.put("summary_sha256", NpmPackage.sha256(dir.resolve(entry.path("summary_file").asText())));
  }
}
