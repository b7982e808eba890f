package org.invariance.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Stack;
import java.util.regex.Pattern;
import org.invariance.metrics.MetricsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/** {@code --linger}: keep the scrape endpoint up after the run so the last values can be scraped. */
final class Linger {
  private static final Logger LOG = LoggerFactory.getLogger(Linger.class);
  /** "Until interrupted". */
  static final Duration FOREVER = Duration.ofSeconds(Long.MAX_VALUE);

  private Linger() {}

  /**
   * {@code --linger}'s optional duration takes the next argument only when it reads as one
   * ("30s", "5m", "90", "forever", "PT1M"), so {@code run --linger experiments.yaml} keeps its file.
   */
  static final class Value implements CommandLine.IParameterConsumer {
    private static final Pattern DURATION = Pattern.compile("(?i)forever|\\d+[smhd]?|P(T)?[0-9.HMSD]+");

    @Override
    public void consumeParameters(Stack<String> args, CommandLine.Model.ArgSpec spec, CommandLine.Model.CommandSpec cmd) {
      String value = !args.isEmpty() && DURATION.matcher(args.peek()).matches() ? args.pop() : "forever";
      spec.setValue(value);
    }
  }

  /** "forever", "90" (seconds), "30s", "5m", "2h", or an ISO-8601 duration ("PT1M"). */
  static Duration parse(String s, CommandLine cl) {
    String v = s.trim().toLowerCase(Locale.ROOT);
    if (v.equals("forever")) return FOREVER;
    try {
      if (v.matches("\\d+")) return Duration.ofSeconds(Long.parseLong(v));
      if (v.matches("\\d+[smh]")) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
      }
      return Duration.parse(s.trim().toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw new CommandLine.ParameterException(cl, "--linger: not a duration: '" + s + "' (e.g. 30s, 5m, 1h, or no value for until interrupted)");
    }
  }

  static void serve(MetricsServer server, Duration d) throws InterruptedException {
    if (d.isZero() || d.isNegative()) return;
    if (d.equals(FOREVER)) {
      LOG.info("run over; serving its last metrics at {} until interrupted (Ctrl-C)", server.url());
      Thread.currentThread().join(); // until the JVM is interrupted or killed
    } else {
      LOG.info("run over; serving its last metrics at {} for {} s", server.url(), d.toSeconds());
      Thread.sleep(d.toMillis());
    }
  }
}
