package org.invariance.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LingerTest {
  private final CommandLine cl = new CommandLine(new Main());

  @Test
  void readsTheDurationsUsersWrite() {
    assertEquals(Duration.ofSeconds(90), Linger.parse("90", cl));
    assertEquals(Duration.ofSeconds(30), Linger.parse("30s", cl));
    assertEquals(Duration.ofMinutes(5), Linger.parse("5m", cl));
    assertEquals(Duration.ofHours(2), Linger.parse("2h", cl));
    assertEquals(Duration.ofMinutes(1), Linger.parse("PT1M", cl));
    assertEquals(Linger.FOREVER, Linger.parse("forever", cl));
  }

  @Test
  void aBadDurationIsABadArgument() {
    CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class, () -> Linger.parse("soon", cl));
    assertTrue(e.getMessage().startsWith("--linger: not a duration: 'soon'"), e.getMessage());
    assertEquals(Main.BAD_INPUT, Main.execute("run", "x.yaml", "--linger", "soon"));
  }
}
