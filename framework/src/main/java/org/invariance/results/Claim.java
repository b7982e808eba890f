package org.invariance.results;

/**
 * One row of the report's table of claims: what the study says, what this run measured, and
 * whether it held by the stated test.
 *
 * @param statement the study's claim, in words
 * @param source where the study makes it (e.g. "Figure 5a")
 * @param model the classifier the numbers are about ("" when they compare several)
 * @param measured this run's numbers
 * @param test the rule that decides {@code held}, in words, with the thresholds it used
 * @param held whether the numbers pass the test
 * @param quantity what {@code value} is, in words ("" when the claim has no single number)
 * @param value the one number the test turns on (a difference, a ratio, a correlation), so a
 *     sweep can show it as mean ± spread across seeds; NaN when there is none
 * @param scope whether the study makes this claim about these numbers ({@link Scope#STUDY}), or the
 *     row applies the study's test to something the study did not analyse, e.g. a claim of its
 *     sections 4-5, made for AER only, tested on AEUR ({@link Scope#BEYOND}); null means STUDY
 * @param threshold the number the test compares {@code value} with, the one its words state
 *     ({@code 0.03} for "|difference| ≤ 0.03"), so a table can show both; NaN when the test has no
 *     single threshold (none, a band of two, a ranking). Added after the other components: the
 *     9-argument constructor of older plugins still compiles and makes a claim without one (NaN).
 */
public record Claim(String statement, String source, String model, String measured, String test, boolean held, String quantity, double value,
    Scope scope, double threshold) {

  /** Whose claim a row is: the report counts the study's claims and lists the others apart. */
  public enum Scope {
    /** The study makes this claim about this model (or these models). */
    STUDY("study"),
    /** The study's test applied beyond what the study analysed: a comparison, not one of its claims. */
    BEYOND("beyond");

    private final String label;

    Scope(String label) {
      this.label = label;
    }

    /** As {@code report/claims.csv} writes it: "study" or "beyond". */
    public String label() {
      return label;
    }

    /** The scope a claims CSV names ("study", "beyond"; "" is the study's, as in CSVs written before the column). */
    public static Scope parse(String label) {
      if (label == null || label.isEmpty()) return STUDY;
      for (Scope s : values()) if (s.label.equalsIgnoreCase(label) || s.name().equalsIgnoreCase(label)) return s;
      throw new IllegalArgumentException("scope: expected study or beyond, got '" + label + "'");
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public Claim {
    if (scope == null) scope = Scope.STUDY;
  }

  /** A claim without a threshold (NaN): the canonical constructor before {@code threshold} was added, kept for plugins built against it. */
  public Claim(String statement, String source, String model, String measured, String test, boolean held, String quantity, double value, Scope scope) {
    this(statement, source, model, measured, test, held, quantity, value, scope, Double.NaN);
  }

  /** One of the study's claims with the number its test turns on. */
  public Claim(String statement, String source, String model, String measured, String test, boolean held, String quantity, double value) {
    this(statement, source, model, measured, test, held, quantity, value, Scope.STUDY);
  }

  /** One of the study's claims without a single headline number. */
  public Claim(String statement, String source, String model, String measured, String test, boolean held) {
    this(statement, source, model, measured, test, held, "", Double.NaN, Scope.STUDY);
  }

  /** This claim with the number its test turns on. */
  public Claim withValue(String quantity, double value) {
    return new Claim(statement, source, model, measured, test, held, quantity, value, scope, threshold);
  }

  /** This claim with the threshold its test compares {@code value} with (the number its test's words state). */
  public Claim withThreshold(double threshold) {
    return new Claim(statement, source, model, measured, test, held, quantity, value, scope, threshold);
  }

  /** This claim in the given scope. */
  public Claim withScope(Scope scope) {
    return new Claim(statement, source, model, measured, test, held, quantity, value, scope, threshold);
  }

  /** This row as a comparison beyond the study: the study's test on numbers the study did not analyse. */
  public Claim beyondStudy() {
    return withScope(Scope.BEYOND);
  }

  /** Whether the study makes this claim (the report's headline counts only these). */
  public boolean isStudy() {
    return scope == Scope.STUDY;
  }

  /** What identifies the same claim in another run of the same experiment (seed or parameter point aside). */
  public String identity() {
    return statement + "\u0000" + source + "\u0000" + model;
  }
}
