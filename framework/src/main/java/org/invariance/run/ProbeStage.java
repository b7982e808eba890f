package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.invariance.bus.Addresses;
import org.invariance.bus.Bus;
import org.invariance.bus.Events;
import org.invariance.experiment.ConfigBinder;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.PluginUse;
import org.invariance.metrics.RunMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run's probes, one after another, each recorded in provenance as it ends: a probe an
 * interrupted run already finished is kept, and a failing probe is one failure of the run, not the
 * end of the others.
 */
final class ProbeStage {
  /** Runner's logger: run.log names it, and these lines were always the run's. */
  private static final Logger LOG = LoggerFactory.getLogger(Runner.class);

  private ProbeStage() {}

  /** Step 6: every probe in turn; a failing probe is recorded and the others still run. */
  static void runProbes(RunEnvironment env, List<String> failures, KeptProbes kept) throws IOException {
    env.metrics.state(RunMetrics.State.PROBING);
    JsonNode configs = RunProvenance.effectiveConfig(env.experiment).path("probes");
    for (Experiment.ProbeUse probe : env.experiment.probes().values()) {
      PluginUse p = probe.use();
      ObjectNode before = kept.keep(p.id(), configs.path(p.id()), env.outDir);
      if (before != null) {
        LOG.info("probe {}: finished before this run resumed, its files unchanged: kept", p.id());
        env.provenance.append("probes", before);
        continue;
      }
      ObjectNode pn = JsonNodeFactory.instance.objectNode();
      pn.put("name", p.id());
      pn.put("plugin", p.plugin());
      pn.set("models", ConfigBinder.MAPPER.valueToTree(probe.models()));
      pn.put("transform", probe.transform());
      try {
        Events.ProbeDone done = Bus.await(Bus.request(env.vertx, Addresses.probeRun(p.id()), new Events.ProbeRun(p.id())));
        Bus.await(Bus.request(env.vertx, Addresses.PROBE_COMPLETED, new Events.ProbeCompleted(p.id(), true)));
        pn.put("status", "finished");
        pn.put("rows", done.rows());
        pn.put("seconds", done.seconds());
        for (String f : List.of(p.id() + ".csv", p.id() + "_summary.csv")) {
          if (Files.isRegularFile(env.outDir.resolve(f))) pn.put(f.endsWith("_summary.csv") ? "summary_file" : "file", f);
        }
        KeptProbes.recordHashes(pn, env.outDir);
        pn.set("seeds", env.probeSeeds.getOrDefault(p.id(), JsonNodeFactory.instance.objectNode()));
        LOG.info("probe {}: {} rows in {} s -> {}", p.id(), done.rows(), String.format("%.1f", done.seconds()), env.outDir.resolve(p.id() + ".csv"));
      } catch (RuntimeException e) {
        pn.put("status", "failed");
        pn.put("error", e.getMessage());
        if (env.probeSeeds.containsKey(p.id())) pn.set("seeds", env.probeSeeds.get(p.id()));
        failures.add("probe " + p.id() + ": " + e.getMessage());
        try {
          Bus.await(Bus.request(env.vertx, Addresses.PROBE_COMPLETED, new Events.ProbeCompleted(p.id(), false)));
        } catch (RuntimeException closing) {
          LOG.warn("probe {}: its partial rows could not be closed: {}", p.id(), closing.getMessage());
        }
        LOG.error("probe {} failed: {}", p.id(), e.getMessage());
      }
      env.provenance.append("probes", pn);
    }
  }
}
