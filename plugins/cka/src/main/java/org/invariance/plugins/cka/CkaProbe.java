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
 * HSIC, Song et al. 2012), which the number of images does not push above 0. Beside each, its chance
 * level: the values the comparison takes when the transformed images' rows are randomly re-paired
 * with the reference's, so a value on a few hundred images can be told from chance. By default the
 * exact mean and variance over all re-pairings ({@link Chance#exact}: no re-pairing is computed;
 * the 95th percentile is mean + 1.645 sd); with {@code permutations: N}, N seeded re-pairings from
 * {@code seed("cka/permutation")}, each compared explicitly.
 *
 * <p>Rows {@code model, dataset (the reference, T_0), other_dataset (T_30), layer, metric, value}
 * with metric (all raw rows, one comparison each: the baselines are of re-pairings no row holds, so
 * the probe writes no summary):
 * <ul>
 *   <li>{@code cka}: linear CKA; {@code cka_debiased}: debiased CKA (can be slightly negative);
 *   <li>{@code cka_permuted_mean}, {@code cka_permuted_p95}: the mean and the 95th percentile
 *       of linear CKA over the re-pairings (exact mean and normal 95th percentile, or the sample mean
 *       and nearest rank of N); {@code cka_debiased_permuted_mean},
 *       {@code cka_debiased_permuted_p95}: the same for the debiased estimator.
 * </ul>
 * Where an estimator is undefined (a representation that does not vary over the images; fewer than
 * 4 images for the debiased one) its rows are left out and the log says why: no NaN is written; the
 * exact chance level needs 4 images too (fewer: no baseline rows).
 *
 * <p>Cost: one product per comparison, in double precision: an n x n Gram matrix for layers with
 * more features than images (n = 2,000, 11,000 features: about 6 s on 2 cores), the (f x f) feature
 * product otherwise (10,000 images, 784 features: about 0.4 s); the exact chance level adds O(n).
 * Each explicit re-pairing ({@code permutations: N}) costs one more product where features are
 * fewer than images, a few milliseconds otherwise.
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
    // no count: the chance level's exact moments (no re-pairing computed); a count: that many seeded re-pairings
    Permutations permutations = c.permutations() == null ? null : new Permutations(ctx.seed("cka/permutation"), c.permutations());
    // each reference representation made once per model and layer, each comparison made once (models share the input layer)
    try (Progress p = ctx.progress("cka", (long) ctx.models().size() * c.datasets().size(), "datasets"); References refs = new References()) {
      for (String model : ctx.models()) {
        try (Activations ref = ctx.activations(model, DatasetSpec.parse(c.reference()))) {
          List<Integer> layers = Layers.resolve(c.layers(), ref.top(), model);
          for (String d : c.datasets()) {
            try (Activations other = ctx.activations(model, DatasetSpec.parse(d))) {
              for (int layer : layers) {
                INDArray x = ref.layer(layer);
                Similarity s = refs.compare(model, layer, x, other.layer(layer), permutations == null ? null : permutations.of(x.rows()));
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
      if (s.linearChance() != null) {
        out.row(model, dataset, "cka_permuted_mean", s.linearChance().mean(), other, layer);
        out.row(model, dataset, "cka_permuted_p95", s.linearChance().p95(), other, layer);
      }
    } else {
      LOG.warn("cka: {} {} vs {} layer {}: linear CKA undefined, no rows: {}", model, dataset, other, layer, s.linearUndefined());
    }
    if (s.debiasedUndefined() == null) {
      out.row(model, dataset, "cka_debiased", s.debiased(), other, layer);
      if (s.debiasedChance() != null) {
        out.row(model, dataset, "cka_debiased_permuted_mean", s.debiasedChance().mean(), other, layer);
        out.row(model, dataset, "cka_debiased_permuted_p95", s.debiasedChance().p95(), other, layer);
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
