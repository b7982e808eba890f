package org.invariance.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invariance.config.InvalidConfig;

/**
 * One test dataset: every image transformed by a fixed amount ({@code MNIST_30}), or each by a
 * seeded random amount of the transform's set ({@code MNIST_mix}), optionally only the images of
 * one class ({@code MNIST^7_30}).
 *
 * <p>Written in an experiment as {@code "30"}, {@code "mix"} (the probe's transform) or
 * {@code "scale:1.5"}, {@code "scale:mix"} (a named transform).
 *
 * @param transform the transform family's name in the experiment; null = the probe's own, until resolved
 * @param amount the amount, or null for the mix
 * @param classIndex the class subset, or null for all classes
 * @param training images of the training split instead of the test split (a seeded sample of as
 *     many training images as the test split has), for probes that fit something on training images
 *     and test it on test images
 */
public record DatasetSpec(String transform, Double amount, Integer classIndex, boolean training) {
  public DatasetSpec(String transform, Double amount, Integer classIndex) {
    this(transform, amount, classIndex, false);
  }

  public DatasetSpec {
    if (classIndex != null && classIndex < 0) throw new IllegalArgumentException("class " + classIndex + " is negative");
  }

  /** The dataset transformed by {@code amount} of the probe's transform. */
  public static DatasetSpec at(double amount) {
    return new DatasetSpec(null, amount, null);
  }

  /** The mixed dataset of the probe's transform. */
  public static DatasetSpec mix() {
    return new DatasetSpec(null, null, null);
  }

  public boolean isMix() {
    return amount == null;
  }

  public DatasetSpec classSubset(int c) {
    return new DatasetSpec(transform, amount, c, training);
  }

  public DatasetSpec allClasses() {
    return new DatasetSpec(transform, amount, null, training);
  }

  /** The same transform and amount applied to the probe's sample of training images. */
  public DatasetSpec onTraining() {
    return new DatasetSpec(transform, amount, classIndex, true);
  }

  /** This spec with the transform filled in where it was left to the probe. */
  public DatasetSpec withDefaultTransform(String name) {
    return transform != null ? this : new DatasetSpec(name, amount, classIndex, training);
  }

  /** "mix", "30", "-60", "12.5": the amount part as researchers write it. */
  public String amountLabel() {
    if (amount == null) return "mix";
    return amount == Math.rint(amount) && Math.abs(amount) < 1e15 ? Long.toString(amount.longValue()) : Double.toString(amount);
  }

  /**
   * The study's notation: MNIST_30, MNIST_mix, MNIST^7_30; with {@code showTransform} (an experiment
   * of several transforms) MNIST_scale:1.5; training images: MNIST-train_30.
   */
  public String name(String base, boolean showTransform) {
    return base + (training ? "-train" : "") + (classIndex == null ? "" : "^" + classIndex) + "_" + (showTransform && transform != null ? transform + ":" : "") + amountLabel();
  }

  /**
   * Checks a config's list of dataset names ({@code field}: its key, for the error), so a bad one is
   * reported at its own line: {@code probes.p10.datasets[2]: 'sideways' is neither 'mix' nor ...}.
   */
  public static List<DatasetSpec> parseAll(List<String> names, String field) {
    List<DatasetSpec> specs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      try {
        specs.add(parse(names.get(i)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new InvalidConfig(field + "." + i, e.getMessage() == null ? "a dataset name is missing" : e.getMessage());
      }
    }
    return specs;
  }

  /**
   * A config's list of dataset names, each keyed by its field as {@code Probe.datasets} reports them
   * ({@code "datasets.0"}, {@code "datasets.1"}, ...), in order.
   */
  public static Map<String, DatasetSpec> byField(String field, List<String> names) {
    Map<String, DatasetSpec> out = new LinkedHashMap<>();
    List<DatasetSpec> specs = parseAll(names, field); // a bad name is reported at its own field
    for (int i = 0; i < specs.size(); i++) out.put(field + "." + i, specs.get(i));
    return out;
  }

  /** A config's list of amounts as datasets, each keyed by its field ({@code "amounts.0"}, ...), in order. */
  public static Map<String, DatasetSpec> amountsByField(String field, List<Double> amounts) {
    Map<String, DatasetSpec> out = new LinkedHashMap<>();
    for (int i = 0; i < amounts.size(); i++) out.put(field + "." + i, at(amounts.get(i)));
    return out;
  }

  /** Parses "mix", "0", "-60", "30.5", "scale:1.5", "scale:mix". */
  public static DatasetSpec parse(String s) {
    Objects.requireNonNull(s);
    String t = s.trim();
    String transform = null;
    int colon = t.indexOf(':');
    if (colon >= 0) {
      transform = t.substring(0, colon).trim();
      t = t.substring(colon + 1).trim();
      if (transform.isEmpty()) throw new IllegalArgumentException("'" + s + "' names no transform before ':'");
    }
    if (t.equalsIgnoreCase("mix")) return new DatasetSpec(transform, null, null);
    try {
      return new DatasetSpec(transform, Double.parseDouble(t), null);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is neither 'mix' nor an amount such as 30 or -60 (optionally after a transform's name, as in scale:1.5)");
    }
  }
}
