package org.invariance.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void meanSampleSdAndStudentsTInterval() {
    // 1, 2, 3: mean 2, sample variance ((1 + 0 + 1) / 2) = 1, sd 1; t(0.975, 2 df) = 4.302653 (tables);
    // half width 4.302653 / sqrt(3) = 2.484138
    Stats s = Stats.of(new double[] {1, 2, 3}, 3);
    assertEquals(3, s.n());
    assertEquals(2.0, s.mean(), 1e-12);
    assertEquals(1.0, s.sd(), 1e-12);
    assertEquals(2 - 2.484138, s.ciLow(), 1e-6);
    assertEquals(2 + 2.484138, s.ciHigh(), 1e-6);
    assertEquals(1.0, s.min());
    assertEquals(3.0, s.max());
  }

  @Test
  void theSameNumberInEverySeedHasNoSpread() {
    // 0.1 three times: summed in doubles, 0.30000000000000004 / 3 = 0.10000000000000002 and an sd of 1.7e-17 would appear
    Stats same = Stats.of(new double[] {0.1, 0.1, 0.1}, 3);
    assertEquals(0.1, same.mean());
    assertEquals(0.0, same.sd());
    assertEquals(0.1, same.ciLow());
    assertEquals(0.1, same.ciHigh());
  }

  @Test
  void oneValueHasNoSpreadAndOnlyTheFirstCountValuesCount() {
    Stats one = Stats.of(new double[] {0.5, 99}, 1);
    assertEquals(0.5, one.mean());
    assertTrue(Double.isNaN(one.sd()) && Double.isNaN(one.ciLow()));
    assertEquals("", Stats.cell(one.sd()), "written as an empty cell");
    assertEquals(0, Stats.of(new double[0], 0).n());
  }
}
