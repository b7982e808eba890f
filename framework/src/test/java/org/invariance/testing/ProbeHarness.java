package org.invariance.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.invariance.config.Seeds;
import org.invariance.data.Dataset;
import org.invariance.data.DatasetFactory;
import org.invariance.data.DatasetSpec;
import org.invariance.data.Images;
import org.invariance.data.TransformFamily;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.model.Model;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.KeyColumns;
import org.invariance.results.ResultRow;
import org.invariance.results.ResultWriter;
import org.invariance.results.TidyCsv;

/**
 * Runs a probe on hand-built classifiers and data in one thread and keeps its rows in memory: the
 * unit-test bench for probe plugins (the bus itself is exercised by the runner tests).
 */
public final class ProbeHarness implements ProbeContext {
  private final DatasetFactory factory;
  private final Map<String, Model> models;
  private final long seed;
  private final Images test;
  private final TransformFamily family;
  private final Map<DatasetSpec, Dataset> datasets = new HashMap<>();
  private final Map<String, Activations> activations = new HashMap<>();
  private final List<ResultRow> rows = new ArrayList<>();
  private final List<ResultRow> summaryRows = new ArrayList<>();
  private List<String> keys;
  private List<String> summaryKeys;
  private int activationComputations;

  public ProbeHarness(Images test, TransformFamily family, long seed, Map<String, ? extends Model> models) {
    this(test, null, family, seed, models);
  }

  /** @param train training images, for probes that ask for training datasets ({@link DatasetSpec#onTraining()}) */
  public ProbeHarness(Images test, Images train, TransformFamily family, long seed, Map<String, ? extends Model> models) {
    this.factory = new DatasetFactory(test, train, Map.of(family.name(), family), seed);
    this.test = test;
    this.family = family;
    this.models = new LinkedHashMap<>(models);
    this.seed = seed;
  }

  public List<ResultRow> rows() {
    return rows;
  }

  public List<String> keyColumns() {
    return keys;
  }

  /** The rows written to the summary ({@link ProbeContext#summary}). */
  public List<ResultRow> summaryRows() {
    return summaryRows;
  }

  public List<String> summaryKeyColumns() {
    return summaryKeys;
  }

  public int activationComputations() {
    return activationComputations;
  }

  /** The value of the one row matching model, dataset, metric and key values (null matches an empty key). */
  public double value(String model, String dataset, String metric, Object... keyValues) {
    return one(rows, model, dataset, metric, keyValues);
  }

  /** The value of the one summary row matching model, dataset, metric and key values (null matches an empty key). */
  public double summaryValue(String model, String dataset, String metric, Object... keyValues) {
    return one(summaryRows, model, dataset, metric, keyValues);
  }

  /** Keys compare as they are written: 30 and 30.0 are the same cell. */
  private static double one(List<ResultRow> in, String model, String dataset, String metric, Object... keyValues) {
    List<String> want = cells(Arrays.asList(keyValues));
    List<ResultRow> hits = in.stream().filter(r -> r.model().equals(model) && r.dataset().equals(dataset) && r.metric().equals(metric)
        && cells(r.keys()).equals(want)).toList();
    if (hits.size() != 1) throw new AssertionError(hits.size() + " rows match " + model + " " + dataset + " " + metric + " " + want + " in " + in);
    return hits.get(0).value();
  }

  private static List<String> cells(List<Object> keys) {
    return keys.stream().map(k -> k == null ? null : k instanceof Double || k instanceof Float ? TidyCsv.formatValue(((Number) k).doubleValue()) : String.valueOf(k)).toList();
  }

  @Override public String probeName() { return "probe"; }
  @Override public List<String> models() { return List.copyOf(models.keySet()); }
  @Override public Model model(String name) { return models.get(name); }
  @Override public List<String> classes() { return test.classes(); }
  @Override public List<Double> amounts() { return family.amounts(); }

  /** The harness's transform: its family, whose amount 0 changes nothing (as the test transforms' does). */
  @Override public ProbeTransform transform() { return new ProbeTransform(family.name(), family.name(), OptionalDouble.of(0), family.amounts()); }

  @Override
  public Dataset dataset(DatasetSpec spec) {
    return datasets.computeIfAbsent(spec.withDefaultTransform(family.name()), factory::build);
  }

  @Override
  public Activations activations(String model, DatasetSpec spec) {
    DatasetSpec s = spec.withDefaultTransform(family.name());
    return activations.computeIfAbsent(model + "@" + s, k -> {
      activationComputations++;
      return Activations.of(model, models.get(model), dataset(s));
    });
  }

  @Override
  public ResultWriter results(String... keyColumns) {
    List<String> k = List.of(keyColumns);
    if (keys != null && !keys.equals(k)) throw new IllegalStateException("key columns changed from " + keys + " to " + k);
    keys = k;
    return writer(rows, k);
  }

  @Override
  public ResultWriter summary(String... keyColumns) {
    List<String> k = List.of(keyColumns);
    if (summaryKeys != null && !summaryKeys.equals(k)) throw new IllegalStateException("summary key columns changed from " + summaryKeys + " to " + k);
    summaryKeys = k;
    return writer(summaryRows, k);
  }

  /** Keeps the rows; each key value a number or a string, each column one kind, as the run's CSV writer demands. */
  private static ResultWriter writer(List<ResultRow> into, List<String> keys) {
    KeyColumns kinds = new KeyColumns(keys);
    return new ResultWriter() {
      @Override
      public void row(String model, String dataset, String metric, double value, Object... keyValues) {
        if (keyValues.length != keys.size()) throw new IllegalArgumentException("expected " + keys.size() + " key values");
        for (int i = 0; i < keyValues.length; i++) kinds.cell(i, keyValues[i]);
        into.add(new ResultRow(model, dataset, Arrays.asList(keyValues.clone()), metric, value));
      }

      @Override public void flush() {}
    };
  }

  @Override public long seed(String purpose) { return Seeds.derive(seed, purpose); }
  @Override public Progress progress(String phase, long total) { return Progress.silent(); }
}
