package org.invariance.plugins.dropout;

import java.util.ArrayList;
import java.util.List;
import org.invariance.config.InvalidConfig;
import org.invariance.data.DatasetSpec;
import org.invariance.plugin.ProbeTransform;

/**
 * The {@code dropout} probe (Figure 11).
 *
 * @param fractions shares of the top layer dropped at random (default 0, 0.1, ..., 0.5)
 * @param trials random draws per share (the study: 10)
 * @param datasets where accuracy is measured (default: the transform's identity and its mix; the
 *     study: MNIST_0 and MNIST_mix)
 * @param digit the digit whose subsets define the types dropped beside the random ones
 * @param fraction the "most active" share for p10
 * @param typeDatasets the set D the types are found on (default: the transform's identity, its mix and
 *     up to six of its declared amounts, evenly spaced, the extremes among them)
 * @param claimBand read by the report only: Figure 11's claim ("as much as the dropout of nearly
 *     twice as many randomly chosen neurons") holds when, on every dataset, the random fraction
 *     whose mean accuracy equals type A's, divided by type A's own fraction, lies in this closed
 *     range {@code [low, high]} (default {@code [1.5, 2.5]}: "nearly twice")
 */
public record DropoutConfig(List<Double> fractions, Integer trials, List<String> datasets, Integer digit, Double fraction, List<String> typeDatasets,
    List<Double> claimBand) {
  /** The study's band for "nearly twice". */
  public static final List<Double> STUDY_CLAIM_BAND = List.of(1.5, 2.5);

  public DropoutConfig {
    if (fractions == null) {
      fractions = new ArrayList<>();
      for (int i = 0; i <= 5; i++) fractions.add(i / 10.0);
    }
    if (trials == null) trials = 10;
    if (digit == null) digit = 1;
    if (fraction == null) fraction = 0.1;
    if (claimBand == null) claimBand = STUDY_CLAIM_BAND;
    for (int i = 0; i < fractions.size(); i++) InvalidConfig.require(fractions.get(i) >= 0 && fractions.get(i) <= 1, "fractions." + i, "a share is in [0, 1]");
    InvalidConfig.require(trials > 0 && trials <= 1000, "trials", "1 to 1000 random draws per share (each a forward pass of every dataset), got " + trials);
    InvalidConfig.require(digit >= 0, "digit", "a class index is 0 or more, got " + digit);
    if (datasets != null) DatasetSpec.parseAll(datasets, "datasets");
    if (typeDatasets != null) DatasetSpec.parseAll(typeDatasets, "type_datasets");
    InvalidConfig.require(claimBand.size() == 2 && claimBand.get(0) != null && claimBand.get(1) != null, "claim_band",
        "a band is two numbers [low, high], e.g. [1.5, 2.5]");
    InvalidConfig.require(claimBand.get(0) > 0 && claimBand.get(0) <= claimBand.get(1), "claim_band",
        "needs 0 < low <= high, got " + claimBand);
    claimBand = List.copyOf(claimBand);
  }

  /** The identity and the mix where {@code datasets} is left out; with the spread of declared amounts where {@code type_datasets} is. */
  DropoutConfig withDefaults(ProbeTransform t) {
    return new DropoutConfig(fractions, trials, datasets != null ? datasets : List.of(t.identityName("datasets"), "mix"), digit, fraction,
        typeDatasets != null ? typeDatasets : t.identityMixAndSpread("type_datasets"), claimBand);
  }

  /** Without the report's claim band: the study's. */
  public DropoutConfig(List<Double> fractions, Integer trials, List<String> datasets, Integer digit, Double fraction, List<String> typeDatasets) {
    this(fractions, trials, datasets, digit, fraction, typeDatasets, null);
  }
}
