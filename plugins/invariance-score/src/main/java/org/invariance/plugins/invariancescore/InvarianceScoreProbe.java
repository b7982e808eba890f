package org.invariance.plugins.invariancescore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invariance.analysis.Layers;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.metrics.Progress;
import org.invariance.model.Activations;
import org.invariance.plugin.Probe;
import org.invariance.plugin.ProbeContext;
import org.invariance.plugin.ProbeTransform;
import org.invariance.results.ResultWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invariance score of Goodfellow, Le, Saxe, Lee and Ng 2009, "Measuring invariances in deep
 * networks", per layer, beyond the study.
 *
 * <p>Each neuron i gets a threshold t_i at which it fires (activation > t_i) on a fraction G(i), its
 * global firing rate, of the reference images (about {@code firing_rate}; see {@link Thresholds} for
 * ties and the neurons left unscored). Z_i are the reference images it fires on. Its local firing
 * rate L(i) is the mean, over z in Z_i and over every amount a of the probe's transform, of
 * [activation_i(T_a z) > t_i], T_a z being the same test image transformed by a (the amount 0, when
 * declared, is z itself). Its score is S(i) = L(i) / G(i): how much likelier it is to fire on
 * transformed copies of the images it responds to than on any image, at most 1 / G. A layer's score
 * is the mean S of its top {@code top} scored neurons, as in the paper.
 *
 * <p>Rows {@code model, dataset (the reference, e.g. MNIST_0), layer, metric, value}, per layer:
 * <ul>
 *   <li>{@code neurons}, {@code scored}, {@code unscored_constant}, {@code unscored_ties}: the
 *       layer's neurons and how many were scored or left out (constant over the reference images;
 *       ties that keep the firing rate off the target by more than a factor 2);
 *   <li>where any was scored: {@code top_neurons} (how many are averaged),
 *       {@code invariance_score} (their mean S), {@code local_firing_rate} and
 *       {@code global_firing_rate} (their mean L and G, so S can be checked: about L / G).
 * </ul>
 *
 * <p>Memory: the reference activations are held while the transformed datasets are walked, one
 * amount at a time, each closed before the next; per layer and amount two (images x neurons)
 * indicator arrays are made and freed.
 */
public final class InvarianceScoreProbe implements Probe<InvarianceScoreConfig> {
  private static final Logger LOG = LoggerFactory.getLogger(InvarianceScoreProbe.class);

  @Override
  public Class<InvarianceScoreConfig> configType() {
    return InvarianceScoreConfig.class;
  }

  @Override
  public InvarianceScoreConfig withDefaults(InvarianceScoreConfig c, ProbeTransform t) {
    return c.withDefaults(t);
  }

  @Override
  public Map<String, DatasetSpec> datasets(InvarianceScoreConfig c, ProbeTransform t) {
    Map<String, DatasetSpec> asked = new LinkedHashMap<>();
    asked.put("reference", DatasetSpec.parse(c.reference()));
    asked.putAll(DatasetSpec.amountsByField("amounts", c.amounts()));
    return asked;
  }

  @Override
  public void run(ProbeContext ctx, InvarianceScoreConfig config) {
    InvarianceScoreConfig c = config.withDefaults(ctx.transform());
    List<Double> amounts = amounts(c.amounts(), ctx.amounts());
    ResultWriter out = ctx.results("layer");
    try (Progress p = ctx.progress("invariance-score", (long) ctx.models().size() * (1 + amounts.size()), "amounts")) {
      for (String model : ctx.models()) {
        try (Activations ref = ctx.activations(model, DatasetSpec.parse(c.reference()))) {
          List<Integer> layers = Layers.resolve(c.layers(), ref.top(), model);
          List<LocalFiring> firing = new ArrayList<>();
          for (int layer : layers) firing.add(new LocalFiring(Thresholds.of(ref.layer(layer), c.firingRate())));
          p.advance(1);
          for (double a : amounts) {
            try (Activations t = ctx.activations(model, DatasetSpec.at(a))) {
              for (int i = 0; i < layers.size(); i++) firing.get(i).add(ref.layer(layers.get(i)), t.layer(layers.get(i)));
            }
            p.advance(1);
          }
          for (int i = 0; i < layers.size(); i++) write(out, model, ref.dataset().name(), layers.get(i), firing.get(i).scores(c.top()));
        }
      }
    }
  }

  /** The declared amounts, each one of the transform's, or all of the transform's. */
  static List<Double> amounts(List<Double> declared, List<Double> available) {
    if (declared == null) return available;
    for (int i = 0; i < declared.size(); i++) {
      double a = declared.get(i);
      if (available.stream().noneMatch(x -> x == a)) {
        throw new InvalidConfig("amounts." + i, "amount " + a + " is not among the transform's amounts " + available);
      }
    }
    return declared;
  }

  private static void write(ResultWriter out, String model, String dataset, int layer, LayerScores s) {
    out.row(model, dataset, "neurons", s.neurons(), layer);
    out.row(model, dataset, "scored", s.scored(), layer);
    out.row(model, dataset, "unscored_constant", s.constant(), layer);
    out.row(model, dataset, "unscored_ties", s.ties(), layer);
    if (s.scored() == 0) {
      LOG.warn("invariance-score: {} layer {}: none of its {} neurons could be scored ({} constant, {} tied), no score", model, layer, s.neurons(), s.constant(), s.ties());
      return;
    }
    out.row(model, dataset, "top_neurons", s.top(), layer);
    out.row(model, dataset, "invariance_score", s.score(), layer);
    out.row(model, dataset, "local_firing_rate", s.local(), layer);
    out.row(model, dataset, "global_firing_rate", s.global(), layer);
  }
}
