package org.invariance.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;

/**
 * The transform a probe measures, as its defaults need it ({@link Probe#withDefaults}): its name in
 * the experiment, its plugin, the amount that leaves an image as it is, and the amounts declared for
 * it. Dataset names here are as an experiment writes them: "0", "1.5", "mix".
 *
 * @param name the transform's name in the experiment ("rotation")
 * @param plugin the plugin that makes it
 * @param identity the amount that changes nothing ({@link Transform#identity}), empty when the plugin declares none
 * @param amounts the declared amounts, in the experiment's order
 */
public record ProbeTransform(String name, String plugin, OptionalDouble identity, List<Double> amounts) {
  /** How many amounts a default set of datasets holds besides the identity and the mix. */
  public static final int SPREAD = 6;

  public ProbeTransform {
    amounts = List.copyOf(amounts);
  }

  /**
   * The identity as a dataset name, for a default that names it; an {@link InvalidConfig} naming
   * {@code field} when the transform declares none, so the experiment must write it out.
   */
  public String identityName(String field) {
    if (identity.isEmpty()) {
      throw new InvalidConfig(field, "transform '" + name + "' (plugin '" + plugin + "') declares no amount that leaves an image unchanged, so this key has no default: write it out in the probe's section");
    }
    return DatasetSpec.at(identity.getAsDouble()).amountLabel();
  }

  /**
   * The declared amounts other than the identity, thinned to at most {@link #SPREAD} evenly spaced
   * ones (smallest and largest always among them), ascending, as dataset names: rotation by
   * -90, -75, ..., 90 gives -90, -60, -30, 30, 60, 90.
   */
  public List<String> spread() {
    List<Double> others = amounts.stream().filter(a -> identity.isEmpty() || a != identity.getAsDouble()).distinct().sorted().toList();
    List<String> out = new ArrayList<>();
    int n = others.size();
    int k = Math.min(n, SPREAD);
    for (int i = 0; i < k; i++) {
      int at = k == 1 ? 0 : (int) Math.round(i * (n - 1) / (double) (k - 1));
      out.add(DatasetSpec.at(others.get(at)).amountLabel());
    }
    return out;
  }

  /** The identity, the mix and {@link #spread()}: a probe's default set of datasets ({@code field} names the key, for the error). */
  public List<String> identityMixAndSpread(String field) {
    List<String> out = new ArrayList<>(List.of(identityName(field), "mix"));
    out.addAll(spread());
    return out;
  }
}
