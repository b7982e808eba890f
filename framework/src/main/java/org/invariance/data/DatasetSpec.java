package org.invariance.data;

import java.util.List;
import java.util.Objects;

/**
 * One of the study's test datasets: every image transformed by a fixed amount ({@code MNIST_30}),
 * or each by a seeded random amount from the mix set ({@code MNIST_mix}), optionally only the
 * images of one digit ({@code MNIST^7_30}).
 *
 * @param amount the transform amount, or null for the mix
 * @param digit the digit subset, or null for all digits
 */
public record DatasetSpec(Double amount, Integer digit) {
  public static final DatasetSpec MIX = new DatasetSpec(null, null);

  public DatasetSpec {
    if (digit != null && (digit < 0 || digit > 9)) throw new IllegalArgumentException("digit " + digit + " is not 0..9");
  }

  public static DatasetSpec at(double amount) {
    return new DatasetSpec(amount, null);
  }

  public boolean isMix() {
    return amount == null;
  }

  public DatasetSpec digitSubset(int d) {
    return new DatasetSpec(amount, d);
  }

  public DatasetSpec allDigits() {
    return new DatasetSpec(amount, null);
  }

  /** "mix", "30", "-60", "12.5": the amount part as researchers write it. */
  public String amountLabel() {
    if (amount == null) return "mix";
    return amount == Math.rint(amount) && Math.abs(amount) < 1e15 ? Long.toString(amount.longValue()) : Double.toString(amount);
  }

  /** The study's notation: MNIST_30, MNIST_mix, MNIST^7_30. */
  public String name(String base) {
    return base + (digit == null ? "" : "^" + digit) + "_" + amountLabel();
  }

  /**
   * Checks a config's list of dataset names ({@code field}: its key, for the error), so a bad one is
   * reported at its own line: {@code probes.p10.datasets[2]: 'sideways' is neither 'mix' nor ...}.
   */
  public static List<DatasetSpec> parseAll(List<String> names, String field) {
    List<DatasetSpec> specs = new java.util.ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      try {
        specs.add(parse(names.get(i)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new org.invariance.experiment.InvalidConfig(field + "." + i, e.getMessage() == null ? "a dataset name is missing" : e.getMessage());
      }
    }
    return specs;
  }

  /** Parses "mix", "0", "-60", "30.5". */
  public static DatasetSpec parse(String s) {
    Objects.requireNonNull(s);
    String t = s.trim();
    if (t.equalsIgnoreCase("mix")) return MIX;
    try {
      return at(Double.parseDouble(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + s + "' is neither 'mix' nor an amount such as 30 or -60");
    }
  }
}
