package org.invariance.plugins.invariancescore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.invariance.config.Seeds;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultRow;
import org.invariance.results.ResultWriter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A probe context whose activations are given by hand, one (images x neurons) matrix per transform
 * amount of one model "M" with a single layer: every number a probe sees is written in the test.
 * It counts the activations it lends and how many were closed.
 */
final class HandContext implements ProbeContext {
  private final Map<Double, float[][]> byAmount = new LinkedHashMap<>();
  final List<ResultRow> rows = new ArrayList<>();
  int lent;
  int closed;

  /** @param byAmount amount -> activations[image][neuron]; the amounts in order */
  HandContext(Map<Double, float[][]> byAmount) {
    this.byAmount.putAll(byAmount);
  }

  double value(String metric) {
    List<ResultRow> hits = rows.stream().filter(r -> r.metric().equals(metric)).toList();
    if (hits.size() != 1) throw new AssertionError(hits.size() + " rows of " + metric + " in " + rows);
    return hits.get(0).value();
  }

  boolean has(String metric) {
    return rows.stream().anyMatch(r -> r.metric().equals(metric));
  }

  @Override public String probeName() { return "invariance-score"; }
  @Override public List<String> models() { return List.of("M"); }
  @Override public Model model(String name) { return null; }
  @Override public List<String> classes() { return List.of("a"); }
  @Override public List<Double> amounts() { return List.copyOf(byAmount.keySet()); }

  /** Amount 0 leaves the hand-made images as they are. */
  @Override public ProbeTransform transform() { return new ProbeTransform("hand", "hand", OptionalDouble.of(0), amounts()); }

  @Override
  public Dataset dataset(DatasetSpec spec) {
    float[][] a = byAmount.get(spec.amount());
    if (a == null) throw new IllegalArgumentException("no dataset " + spec);
    INDArray images = Nd4j.create(a);
    return new Dataset(spec, "T_" + spec.amountLabel(), images, new int[a.length], new double[a.length], a[0].length, 1);
  }

  @Override
  public Activations activations(String model, DatasetSpec spec) {
    Dataset d = dataset(spec);
    lent++;
    return new Activations(model, d, List.of(d.images()), null, null, () -> closed++);
  }

  @Override
  public ResultWriter summary(String... keyColumns) {
    throw new AssertionError("the invariance score writes no summary rows: every row is one layer's measurement");
  }

  @Override
  public ResultWriter results(String... keyColumns) {
    if (!List.of(keyColumns).equals(List.of("layer"))) throw new AssertionError("key columns " + List.of(keyColumns));
    return new ResultWriter() {
      @Override public void row(String model, String dataset, String metric, double value, Object... keys) {
        rows.add(new ResultRow(model, dataset, List.of(keys), metric, value));
      }

      @Override public void flush() {}
    };
  }

  @Override public long seed(String purpose) { return Seeds.derive(1, purpose); }
  @Override public Progress progress(String phase, long total) { return Progress.silent(); }
}
