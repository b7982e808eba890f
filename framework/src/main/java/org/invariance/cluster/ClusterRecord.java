package org.invariance.cluster;

import java.io.IOException;
import java.nio.file.Path;
import org.invariance.config.ClusterConfig;
import org.invariance.results.Provenance;

/**
 * {@code cluster.json}: every unit of this run, where it ran and what happened to it (leases,
 * offers again and why, done elsewhere earlier = "stored"), beside the points' own provenance.
 */
final class ClusterRecord {
  private ClusterRecord() {}

  /** @param keyFingerprint the cluster key's certificate fingerprint (public), or null when the cluster never started */
  static void write(Path out, ClusterConfig config, String keyFingerprint, Schedule schedule) throws IOException {
    Provenance p = new Provenance(out.resolve("cluster.json"));
    p.root().put("coordinator_version", Compatibility.version());
    p.root().put("kernel", Compatibility.kernel());
    p.root().put("threads", Compatibility.threads());
    p.root().put("lease_seconds", config.lease());
    if (keyFingerprint != null) p.root().put("cluster_key_certificate_sha256", keyFingerprint);
    var members = p.root().putArray("members");
    config.members().forEach(members::add);
    var all = p.root().putObject("units");
    for (Tracked t : schedule.entries()) {
      var n = all.putObject(t.unit.id());
      n.put("kind", t.unit.kind());
      n.put("point", t.unit.point());
      if (t.unit.model() != null) n.put("model", t.unit.model());
      n.put("state", t.state.word());
      n.put("attempts", t.attempts);
      n.put("worker", t.worker == null ? "" : t.worker);
      n.put("origin", t.attempts == 0 && t.state == Tracked.State.DONE ? "stored" : t.origin);
      n.put("seconds", t.seconds);
      if (t.checkpoints > 0) n.put("checkpoints_received", t.checkpoints);
      if (t.coordinatorSeconds > 0) {
        // what coordination cost this unit: asking, leasing, fetching models, reporting, taking in its files
        n.put("coordinator_seconds", t.coordinatorSeconds);
        n.put("fetch_seconds", t.fetchSeconds);
      }
      var h = n.putArray("history");
      t.history.forEach(h::add);
    }
    p.write();
  }
}
