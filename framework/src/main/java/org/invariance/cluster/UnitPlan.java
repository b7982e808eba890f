package org.invariance.cluster;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.invariance.plugin.PluginRegistry;
import org.invariance.run.ModelIdentity;
import org.invariance.run.ModelStore;
import org.invariance.run.Runner;
import org.invariance.sweep.PointDirs;
import org.invariance.sweep.SweepRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster run's units: for every point not finished yet, one unit per model (named by its store
 * key, so a model several points share is trained once; done already when the store holds it) and
 * one for its probes, after its models. A finished point is kept as it is and planned no more.
 *
 * @param points every point of the plan, by id
 * @param status the points kept from an earlier run ("reused"); the coordinator adds the rest
 */
record UnitPlan(Map<String, Plan.Point> points, Map<String, String> status) {
  private static final Logger LOG = LoggerFactory.getLogger(UnitPlan.class);

  static UnitPlan of(Plan plan, Path out, Path cache, ModelStore store, PluginRegistry plugins, SweepRecord record, Schedule schedule)
      throws IOException {
    UnitPlan planned = new UnitPlan(new LinkedHashMap<>(), new LinkedHashMap<>());
    Map<String, String> checksums = new HashMap<>();
    for (Plan.Point p : plan.points()) {
      planned.points.put(p.id(), p);
      Experiment e = p.experiment();
      if (PointDirs.finished(PointDirs.of(out, plan, p), e)) {
        planned.status.put(p.id(), "reused");
        if (record != null) record.point(p.id(), "reused", null);
        LOG.info("point {} finished earlier: kept as it is", p.id());
        continue;
      }
      // the model keys hash the data's checksum: loaded once per distinct data section
      String dataKey = e.data().plugin() + e.data().configTree() + e.limits() + e.file();
      String checksum = checksums.get(dataKey);
      if (checksum == null) {
        checksum = Runner.loadSplit(plugins, e, cache, JsonNodeFactory.instance.objectNode(), null).checksum();
        checksums.put(dataKey, checksum);
      }
      ModelIdentity ids = new ModelIdentity(e, checksum, plugins);
      Map<String, String> unitOf = new HashMap<>();
      List<String> deps = new ArrayList<>();
      for (Map.Entry<String, Experiment.ModelUse> m : e.models().entrySet()) {
        String file = store.modelFile(m.getKey(), ids.key(m.getKey())).getFileName().toString();
        List<String> up = m.getValue().on() == null ? List.of() : List.of(unitOf.get(m.getValue().on()));
        Unit u = Unit.train(p.id(), m.getKey(), file, up);
        unitOf.put(m.getKey(), u.id());
        deps.add(u.id());
        boolean stored = Files.isRegularFile(store.dir().resolve(file)) && Files.isRegularFile(store.dir().resolve(file + ".json"));
        schedule.add(u, stored);
      }
      schedule.add(Unit.probes(p.id(), deps), false);
    }
    return planned;
  }
}
