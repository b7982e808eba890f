package {{package}};

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.invariance.data.DatasetSpec;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How much each layer changes when the images are transformed: per model, layer and dataset, the
 * sum over images of |phi(T x) - phi(x)| over the sum of |phi(x)|, phi(x) being the layer's
 * activity on the reference image and phi(T x) on its transformed copy (0: the layer does not
 * change). Rows: {@code model, dataset (the reference), other_dataset, layer, metric, value}.
 */
public final class {{Name}}Probe implements Probe<{{Name}}Config> {
  @Override
  public Class<{{Name}}Config> configType() {
    return {{Name}}Config.class;
  }

  @Override
  public {{Name}}Config withDefaults({{Name}}Config config, ProbeTransform transform) {
    return config.withDefaults(transform);
  }

  /** Every dataset {@link #run} asks for, by the field that names it: checked before any data loads. */
  @Override
  public Map<String, DatasetSpec> datasets({{Name}}Config config, ProbeTransform transform) {
    Map<String, DatasetSpec> asked = new LinkedHashMap<>();
    asked.put("reference", DatasetSpec.parse(config.reference()));
    asked.putAll(DatasetSpec.byField("datasets", config.datasets()));
    return asked;
  }

  @Override
  public void run(ProbeContext ctx, {{Name}}Config config) {
    {{Name}}Config c = config.withDefaults(ctx.transform()); // a run hands it filled in already; a test may not
    ResultWriter out = ctx.results("other_dataset", "layer");
    for (String model : ctx.models()) {
      try (Activations reference = ctx.activations(model, DatasetSpec.parse(c.reference()))) {
        for (String dataset : c.datasets()) {
          try (Activations other = ctx.activations(model, DatasetSpec.parse(dataset))) {
            for (int layer : layers(c.layers(), reference.top())) {
              double change = relativeChange(reference.layer(layer), other.layer(layer));
              out.row(model, reference.dataset().name(), "relative_change", change, other.dataset().name(), layer);
            }
          }
        }
      }
    }
  }

  /** The layers asked for, or every layer 1..top. */
  static List<Integer> layers(List<Integer> asked, int top) {
    if (asked != null) return asked;
    return IntStream.rangeClosed(1, top).boxed().toList();
  }

  /** Sum over rows of |b_i - a_i| over the sum of |a_i| (a and b: images x neurons, the same images in the same order). */
  static double relativeChange(INDArray a, INDArray b) {
    float[] x = Activations.floats(a);
    float[] y = Activations.floats(b);
    int neurons = a.columns();
    double moved = 0;
    double length = 0;
    for (int row = 0; row < a.rows(); row++) {
      double d = 0;
      double n = 0;
      for (int j = row * neurons; j < (row + 1) * neurons; j++) {
        double e = (double) y[j] - x[j];
        d += e * e;
        n += (double) x[j] * x[j];
      }
      moved += Math.sqrt(d);
      length += Math.sqrt(n);
    }
    return length == 0 ? Double.NaN : moved / length;
  }
}
