package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariance.plugin.Headlines;
import org.invariance.results.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flat metrics block's accuracies: per model and dataset, the one accuracy row with the fewest key cells, through the plugin's headlines. */
class RunHeadlinesTest {
  @TempDir Path dir;

  Provenance probes(String... nameAndPluginAndStatus) throws Exception {
    Provenance prov = new Provenance(dir.resolve("provenance.json"));
    for (int i = 0; i < nameAndPluginAndStatus.length; i += 3) {
      ObjectNode p = JsonNodeFactory.instance.objectNode();
      p.put("name", nameAndPluginAndStatus[i]);
      p.put("plugin", nameAndPluginAndStatus[i + 1]);
      p.put("status", nameAndPluginAndStatus[i + 2]);
      prov.append("probes", p);
    }
    return prov;
  }

  @Test
  void theWholeDatasetsAccuracyOfEachFinishedProbeAndNoneWhereRowsTie() throws Exception {
    Files.writeString(dir.resolve("acc.csv"), """
        run_id,seed,model,dataset,amount,digit,type,metric,value
        r,1,M,D_0,0,,,accuracy,0.9
        r,1,M,D_0,0,3,,accuracy,0.5
        r,1,M,D_0,0,,,images,100
        r,1,M,D_mix,,,A,accuracy,0.7
        r,1,M,D_mix,,,B,accuracy,0.6
        r,1,N,D_0,0,,,accuracy,0.8
        r,1,N,D_0,0,,,accuracy_ablated,0.1
        """);
    Files.writeString(dir.resolve("late.csv"), "run_id,seed,model,dataset,metric,value\nr,1,M,D_0,accuracy,0.4\n");
    Files.writeString(dir.resolve("broke.csv"), "run_id,seed,model,dataset,metric,value\nr,1,M,D_0,accuracy,0.3\n");
    Provenance prov = probes("acc", "a", "finished", "late", "l", "finished", "broke", "b", "failed");
    // the plugin "l" keeps no raw row among its headlines
    Headlines none = rows -> rows.filter(r -> false);
    RunHeadlines.accuracies(prov, dir, Map.of("l", none));
    ObjectNode m = prov.section("metrics");
    // M on D_0: the whole set's 0.9, not digit 3's; D_mix: types A and B tie, no one headline; N: 0.8
    assertEquals(List.of("accuracy.acc.M.D_0", "accuracy.acc.N.D_0"), fields(m));
    assertEquals(0.9, m.get("accuracy.acc.M.D_0").asDouble());
    assertEquals(0.8, m.get("accuracy.acc.N.D_0").asDouble());
    assertFalse(m.has("accuracy.late.M.D_0"), "not among its plugin's headlines");
    assertFalse(m.has("accuracy.broke.M.D_0"), "a failed probe's rows are partial");
  }

  @Test
  void anUnreadableCsvLeavesTheAccuraciesOutAndSaysWhy() throws Exception {
    Files.writeString(dir.resolve("acc.csv"), "run_id,seed,model,dataset,metric,value\nr,1,M,D_0,accuracy,not-a-number\n");
    Provenance prov = probes("acc", "a", "finished");
    RunHeadlines.afterReport(prov, dir, Map.of());
    assertTrue(prov.root().path("metrics_error").asText().contains("acc.csv"), prov.root().toString());
  }

  private static List<String> fields(ObjectNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
