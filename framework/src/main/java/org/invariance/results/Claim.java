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
 */
public record Claim(String statement, String source, String model, String measured, String test, boolean held) {}
