package org.invariance.plugins.equivariance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.analysis.Layers;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Equivariance and invariance of each layer's representation phi (Lenc and Vedaldi 2015,
 * "Understanding image representations by measuring their equivariance and equivalence"): is there
 * an affine map M_a with phi(T_a x) = M_a phi(x) + b, and how far is it from the identity?
 *
 * <p>Per model, layer and transform amount a, M_a and b are fitted by ridge regression ({@link Ridge})
 * from phi(x) to phi(T_a x) on the probe's sample of training images (x at the reference amount,
 * "0" by default, each row the same image), with the ridge strength chosen by generalised
 * cross-validation on those training images, and scored on the test images:
 * <ul>
 *   <li>{@code equivariance_error} = sum_i ||phi(T_a x_i) - M_a phi(x_i) - b||^2 /
 *       sum_i ||phi(T_a x_i) - mean_j phi(T_a x_j)||^2 over test images x_i: the fraction of the
 *       transformed representation's variance the fitted map leaves unexplained (1 - R^2 on held-out
 *       images). 0: phi is equivariant to T_a through a linear map; 1: the map predicts no better
 *       than the mean. Above 1 is possible (the map was fitted on other images, and the mean
 *       compared with is the test images' own), e.g. about 1 + 1/n when phi(T_a x) is unrelated to phi(x).
 *   <li>{@code identity_error} = sum_i ||phi(T_a x_i) - phi(x_i)||^2 over the same denominator: the
 *       same for the identity map, 0 when the layer is invariant to T_a (about 2 when the two
 *       representations are unrelated but alike distributed).
 *   <li>{@code ridge}: the relative ridge strength chosen (see {@link EquivarianceConfig#ridge()}).
 * </ul>
 * Both errors are NaN when phi(T_a x) is the same for every test image. At the reference amount
 * itself (a = 0 by default, among the declared amounts) phi(T_a x) = phi(x), so the identity error
 * is 0 and the fitted error is the floor of the measure: a map learnt from n training images
 * reproduces only the part of a test representation inside the span of the training ones, which is
 * all of it for a layer of fewer neurons than images but possibly not for a wider one (ridge shrinks
 * towards 0, not towards the identity). Rows:
 * {@code model, dataset (the reference test set, MNIST_0), other_dataset (the transformed one,
 * MNIST_30), amount (other_dataset's), layer, metric, value}; no summary rows.
 */
public final class EquivarianceProbe implements Probe<EquivarianceConfig> {
  @Override
  public Class<EquivarianceConfig> configType() {
    return EquivarianceConfig.class;
  }

  @Override
  public EquivarianceConfig withDefaults(EquivarianceConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(EquivarianceConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = new LinkedHashMap<>();
    asked.put("reference", c.referenceSpec());
    asked.putAll(DatasetSpec.amountsByField("amounts", c.amounts()));
    return asked;
  }

  @Override
  public void run(ProbeContext ctx, EquivarianceConfig config) {
    EquivarianceConfig c = config.withDefaults(ctx.transform());
    List<Double> amounts = c.amounts() == null ? ctx.amounts() : c.amounts();
    DatasetSpec reference = c.referenceSpec();
    Map<String, List<Integer>> layers = new LinkedHashMap<>();
    long steps = 0;
    for (String model : ctx.models()) {
      layers.put(model, Layers.resolve(c.layers(), ctx.model(model).layers(), model));
      steps += (long) layers.get(model).size() * amounts.size();
    }
    ResultWriter out = ctx.results("other_dataset", "amount", "layer");
    try (Progress p = ctx.progress("equivariance", steps, "layer amounts")) {
      for (String model : ctx.models()) {
        try (Activations refTrain = ctx.activations(model, reference.onTraining());
            Activations refTest = ctx.activations(model, reference)) {
          Rows rows = Rows.of(c.images(), refTrain.dataset().count(), refTest.dataset().count(), ctx.seed("equivariance/test-images"));
          for (int layer : layers.get(model)) {
            measureLayer(ctx, c, out, p, model, layer, amounts, rows, refTrain, refTest);
          }
        }
      }
    }
  }

  /**
   * One layer: its basis once, then a map per amount. Layer by layer (not amount by amount) so only
   * one layer's k x k matrices live at a time; each amount's activations are asked for again per
   * layer, and the run's activation cache serves them while they fit its budget.
   */
  private static void measureLayer(ProbeContext ctx, EquivarianceConfig c, ResultWriter out, Progress p, String model, int layer,
      List<Double> amounts, Rows rows, Activations refTrain, Activations refTest) {
    INDArray xTrain = rows.train(refTrain.layer(layer));
    INDArray xTest = rows.test(refTest.layer(layer));
    try (Ridge ridge = Ridge.of(xTrain, xTest, null)) {
      for (double a : amounts) {
        DatasetSpec spec = DatasetSpec.at(a);
        try (Activations train = ctx.activations(model, spec.onTraining()); Activations test = ctx.activations(model, spec)) {
          INDArray yTrain = rows.train(train.layer(layer));
          INDArray yTest = rows.test(test.layer(layer));
          try (Ridge.Target t = ridge.target(yTrain, yTest)) {
            Ridge.Choice fit = t.best(c.ridge());
            double identity = t.variance() > 0 ? Blocks.sumSqDiff(yTest, xTest) / t.variance() : Double.NaN;
            String name = refTest.dataset().name();
            String other = test.dataset().name();
            out.row(model, name, "equivariance_error", fit.error(), other, a, layer);
            out.row(model, name, "identity_error", identity, other, a, layer);
            out.row(model, name, "ridge", fit.ridge(), other, a, layer);
          } finally {
            Rows.free(yTrain, train.layer(layer));
            Rows.free(yTest, test.layer(layer));
          }
        }
        p.advance(1);
      }
    } finally {
      Rows.free(xTrain, refTrain.layer(layer));
      Rows.free(xTest, refTest.layer(layer));
    }
  }
}
