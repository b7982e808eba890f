package org.invariance.plugins.cka;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CKA (centered kernel alignment; Kornblith et al. 2019, "Similarity of Neural Network
 * Representations Revisited") between a layer's representations of the same images upright and
 * transformed: 1 when the transform changes the representation only by a rotation and scaling of its
 * space, near 0 when the two share no linear structure. A per-layer, whole-representation view of
 * invariance, beyond the study.
 *
 * <p>Two estimators ({@link Similarity}): the linear (biased) one, and the debiased one (unbiased
 * HSIC, Song et al. 2012), which the number of images does not push above 0. Beside each, a
 * permutation baseline: the same comparison with the transformed images' rows randomly re-paired
 * ({@code permutations} seeded permutations from {@code seed("cka/permutation")}), so a value on a
 * few hundred images can be told from chance.
 *
 * <p>Rows {@code model, dataset (the reference, T_0), other_dataset (T_30), layer, metric, value}
 * with metric (all raw rows, one comparison each: the baselines are of re-pairings no row holds, so
 * the probe writes no summary):
 * <ul>
 *   <li>{@code cka}: linear CKA; {@code cka_debiased}: debiased CKA (can be slightly negative);
 *   <li>{@code cka_permuted_mean}, {@code cka_permuted_p95}: the mean and the 95th percentile
 *       (nearest rank) of linear CKA over the re-pairings; {@code cka_debiased_permuted_mean},
 *       {@code cka_debiased_permuted_p95}: the same for the debiased estimator.
 * </ul>
 * Where an estimator is undefined (a representation that does not vary over the images; fewer than
 * 4 images for the debiased one) its rows are left out and the log says why: no NaN is written.
 *
 * <p>Cost: in double precision, n x n Gram matrices for layers with more features than images
 * (n = 2,000, 11,000 features: about 6 s a comparison on 2 cores, the permutations a few
 * milliseconds each), (f x f) feature products otherwise (10,000 images, 784 features: about 1.6 s,
 * and 0.4 s per permutation).
 */
public final class CkaProbe implements Probe<CkaConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(CkaProbe.class);

  // docs-region: probe (docs/WRITING-A-PROBE.md shows it; DocsTest keeps the two the same)
  @Override
  public Class<CkaConfig> configType() {
    return CkaConfig.class;
  }

  @Override
  public CkaConfig withDefaults(CkaConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(CkaConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = new LinkedHashMap<>();
    asked.put("reference", DatasetSpec.parse(c.reference()));
    asked.putAll(DatasetSpec.byField("datasets", c.datasets()));
    return asked;
  }

  @Override
  public void run(ProbeContext ctx, CkaConfig config) {
    CkaConfig c = config.withDefaults(ctx.transform());
    ResultWriter out = ctx.results("other_dataset", "layer");
    Permutations permutations = new Permutations(ctx.seed("cka/permutation"), c.permutations());
    try (Progress p = ctx.progress("cka", (long) ctx.models().size() * c.datasets().size(), "datasets")) {
      for (String model : ctx.models()) {
        try (Activations ref = ctx.activations(model, DatasetSpec.parse(c.reference()))) {
          List<Integer> layers = Layers.resolve(c.layers(), ref.top(), model);
          for (String d : c.datasets()) {
            try (Activations other = ctx.activations(model, DatasetSpec.parse(d))) {
              for (int layer : layers) {
                INDArray x = ref.layer(layer);
                Similarity s = Similarity.of(x, other.layer(layer), permutations.of(x.rows()));
                write(out, model, ref.dataset().name(), other.dataset().name(), layer, s);
              }
            }
            p.advance(1);
          }
        }
      }
    }
  }
  // docs-end: probe

  private static void write(ResultWriter out, String model, String dataset, String other, int layer, Similarity s) {
    if (s.linearUndefined() == null) {
      out.row(model, dataset, "cka", s.linear(), other, layer);
      if (s.linearPermuted().length > 0) {
        out.row(model, dataset, "cka_permuted_mean", Similarity.mean(s.linearPermuted()), other, layer);
        out.row(model, dataset, "cka_permuted_p95", Similarity.p95(s.linearPermuted()), other, layer);
      }
    } else {
      LOG.warn("cka: {} {} vs {} layer {}: linear CKA undefined, no rows: {}", model, dataset, other, layer, s.linearUndefined());
    }
    if (s.debiasedUndefined() == null) {
      out.row(model, dataset, "cka_debiased", s.debiased(), other, layer);
      if (s.debiasedPermuted().length > 0) {
        out.row(model, dataset, "cka_debiased_permuted_mean", Similarity.mean(s.debiasedPermuted()), other, layer);
        out.row(model, dataset, "cka_debiased_permuted_p95", Similarity.p95(s.debiasedPermuted()), other, layer);
      }
    } else {
      LOG.warn("cka: {} {} vs {} layer {}: debiased CKA undefined, no rows: {}", model, dataset, other, layer, s.debiasedUndefined());
    }
  }

  /** Linear CKA of two (samples x features) matrices of the same samples: ||Y'X||^2 / (||X'X|| ||Y'Y||) after centering; NaN when undefined. */
  static double linear(INDArray x, INDArray y) {
    return Similarity.of(x, y, new int[0][]).linear();
  }

  /** Debiased CKA of two (samples x features) matrices of the same samples; NaN when undefined. */
  static double debiased(INDArray x, INDArray y) {
    return Similarity.of(x, y, new int[0][]).debiased();
  }
}
