package org.invariance.results;

/**
 * One row of the report's table of claims: what the study says, what this run measured, and
 * whether it held by the stated test.
 *
 * @param statement the study's claim, in words
 * @param source where the study makes it (e.g. "Figure 5a")
 * @param model the classifier the numbers are about ("" when they compare several)
 * @param measured this run's numbers
 * @param test the rule that decides {@code held}, in words
 * @param held whether the numbers pass the test
 * @param quantity what {@code value} is, in words ("" when the claim has no single number)
 * @param value the one number the test turns on (a difference, a ratio, a correlation), so a
 *     sweep can show it as mean ± spread across seeds; NaN when there is none
 */
public record Claim(String statement, String source, String model, String measured, String test, boolean held, String quantity, double value) {

  /** A claim without a single headline number. */
  public Claim(String statement, String source, String model, String measured, String test, boolean held) {
    this(statement, source, model, measured, test, held, "", Double.NaN);
  }

  /** This claim with the number its test turns on. */
  public Claim withValue(String quantity, double value) {
    return new Claim(statement, source, model, measured, test, held, quantity, value);
  }

  /** What identifies the same claim in another run of the same experiment (seed or parameter point aside). */
  public String identity() {
    return statement + "\u0000" + source + "\u0000" + model;
  }
}
