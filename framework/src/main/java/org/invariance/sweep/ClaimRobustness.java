package org.invariance.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.invariance.experiment.Plan;
import org.invariance.report.HtmlTemplate;
import org.invariance.report.Report;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;

/**
 * Which claims rest on a choice the sweep varies: for each claim, and each setting of each grid key
 * (every other key and the seed pooled), "held in k of n" points with the claim's number as mean and
 * 95% interval (Student's t, {@link Stats}), side by side, and a verdict: it holds everywhere, fails
 * everywhere, depends on a key (holds at every point of some of its settings and at none of the
 * others), leans on one (held fractions at least half apart), or varies with the seed. Written as
 * {@code summary/robustness.csv} (tidy: a row per claim, key and setting) and an HTML table for the
 * sweep's page. A sweep without a grid has no view: there is no choice to be robust to.
 */
public final class ClaimRobustness {
  /** The CSV's columns. */
  static final List<String> COLUMNS = List.of("statement", "source", "model", "scope", "quantity", "key", "setting", "held", "n", "mean", "sd",
      "ci95_low", "ci95_high", "verdict");

  /** Held fractions this far apart between two settings of a key make a claim lean on it. */
  static final double LEANS = 0.5;

  /** One point's judgement of one claim: the point's grid setting (key -> value) and the claim. */
  public record Observation(Map<String, String> setting, Claim claim) {}

  /** A claim at one setting of one key: held in {@code held} of {@code n} points, its number across them. */
  public record Cell(String key, String setting, int held, int n, Stats value) {}

  /** One claim across every setting of every key, with its verdict. */
  public record Row(Claim first, List<Cell> cells, int held, int n, String verdict) {}

  private static final HtmlTemplate SECTION = HtmlTemplate.of(ClaimRobustness.class, "robustness.mustache");

  private ClaimRobustness() {}

  /**
   * Computes the view, the claims in order of first appearance, each key's settings in order of
   * first appearance; a claim is the same claim across points when its statement, source and model
   * are ({@link Claim#identity()}).
   */
  public static List<Row> of(List<Observation> observations, List<String> keys) {
    Map<String, List<Observation>> byClaim = new LinkedHashMap<>();
    for (Observation o : observations) byClaim.computeIfAbsent(o.claim().identity(), k -> new ArrayList<>()).add(o);
    Map<String, Set<String>> settings = new LinkedHashMap<>();
    for (String k : keys) settings.put(k, new LinkedHashSet<>());
    for (Observation o : observations) for (String k : keys) settings.get(k).add(o.setting().get(k));
    List<Row> rows = new ArrayList<>();
    for (List<Observation> obs : byClaim.values()) {
      List<Cell> cells = new ArrayList<>();
      for (String k : keys) {
        for (String v : settings.get(k)) {
          List<Claim> at = obs.stream().filter(o -> v.equals(o.setting().get(k))).map(Observation::claim).toList();
          if (!at.isEmpty()) cells.add(cell(k, v, at));
        }
      }
      int held = (int) obs.stream().filter(o -> o.claim().held()).count();
      rows.add(new Row(obs.get(0).claim(), cells, held, obs.size(), verdict(keys, cells, held, obs.size())));
    }
    return rows;
  }

  private static Cell cell(String key, String setting, List<Claim> claims) {
    double[] v = new double[claims.size()];
    int n = 0;
    for (Claim c : claims) if (!Double.isNaN(c.value())) v[n++] = c.value();
    int held = (int) claims.stream().filter(Claim::held).count();
    return new Cell(key, setting, held, claims.size(), Stats.of(v, n));
  }

  /**
   * "holds everywhere", "fails everywhere", "depends on K: holds with a; fails with b" (every point
   * of each setting of K agrees, and they disagree between settings), "leans on K: held in 6 of 6
   * with a, 1 of 6 with b" (the held fractions of two settings at least {@link #LEANS} apart), or
   * "varies with the seed: held in k of n".
   */
  static String verdict(List<String> keys, List<Cell> cells, int held, int n) {
    if (held == n) return "holds everywhere";
    if (held == 0) return "fails everywhere";
    List<String> clean = new ArrayList<>();
    String leanKey = null;
    Cell most = null;
    Cell least = null;
    double widest = 0;
    for (String k : keys) {
      List<Cell> of = cells.stream().filter(c -> c.key().equals(k)).toList();
      if (of.size() < 2) continue;
      if (of.stream().allMatch(c -> c.held() == c.n() || c.held() == 0)) {
        List<String> holds = of.stream().filter(c -> c.held() == c.n()).map(Cell::setting).toList();
        List<String> fails = of.stream().filter(c -> c.held() == 0).map(Cell::setting).toList();
        clean.add(k + ": holds with " + String.join(", ", holds) + "; fails with " + String.join(", ", fails));
        continue;
      }
      Cell hi = of.get(0);
      Cell lo = of.get(0);
      for (Cell c : of) {
        if (fraction(c) > fraction(hi)) hi = c;
        if (fraction(c) < fraction(lo)) lo = c;
      }
      if (fraction(hi) - fraction(lo) > widest) {
        widest = fraction(hi) - fraction(lo);
        leanKey = k;
        most = hi;
        least = lo;
      }
    }
    if (!clean.isEmpty()) return "depends on " + String.join(" and on ", clean);
    if (leanKey != null && widest >= LEANS) {
      return "leans on " + leanKey + ": held in " + most.held() + " of " + most.n() + " with " + most.setting() + ", " + least.held() + " of "
          + least.n() + " with " + least.setting();
    }
    return "varies with the seed: held in " + held + " of " + n;
  }

  private static double fraction(Cell c) {
    return (double) c.held() / c.n();
  }

  /** Every point's claims with the point's grid setting, read from the points' {@code report/claims.csv}. */
  public static List<Observation> read(Path out, Plan plan) throws IOException {
    List<Observation> obs = new ArrayList<>();
    for (Plan.Point p : plan.points()) {
      Path f = Report.claimsFile(PointDirs.of(out, plan, p));
      if (!Files.isRegularFile(f)) continue;
      for (Claim c : ClaimsCsv.read(f)) obs.add(new Observation(p.grid(), c));
    }
    return obs;
  }

  /** The view as a tidy CSV: a row per claim, key and setting. */
  public static void writeCsv(Path file, List<Row> rows) throws IOException {
    List<List<String>> cells = new ArrayList<>();
    for (Row r : rows) {
      for (Cell c : r.cells()) {
        Claim f = r.first();
        cells.add(List.of(f.statement(), f.source(), f.model(), f.scope().label(), f.quantity(), c.key(), c.setting(), Integer.toString(c.held()),
            Integer.toString(c.n()), Stats.cell(c.value().mean()), Stats.cell(c.value().sd()), Stats.cell(c.value().ciLow()),
            Stats.cell(c.value().ciHigh()), r.verdict()));
      }
    }
    Summary.writeCsv(file, COLUMNS, cells);
  }

  /**
   * Reads the points' claims, writes {@code summary/robustness.csv} and returns the view's HTML (a
   * heading, a line of explanation and the table) for the sweep's page; "" when the sweep has no
   * grid or no point judged a claim.
   */
  public static String write(Path out, Plan plan) throws IOException {
    if (plan.sweep() == null || plan.sweep().grid().isEmpty()) return "";
    List<String> keys = new ArrayList<>(plan.sweep().grid().keySet());
    List<Row> rows = of(read(out, plan), keys);
    if (rows.isEmpty()) return "";
    Path dir = out.resolve("summary");
    Files.createDirectories(dir);
    writeCsv(dir.resolve("robustness.csv"), rows);
    return html(rows, keys);
  }

  /** The view as an HTML section (heading, explanation, table) from its template, which escapes every text. */
  public static String html(List<Row> rows, List<String> keys) {
    Map<String, Set<String>> settings = new LinkedHashMap<>();
    for (String k : keys) settings.put(k, new LinkedHashSet<>());
    for (Row r : rows) for (Cell c : r.cells()) settings.get(c.key()).add(c.setting());
    List<Map<String, Object>> keyHeads = new ArrayList<>();
    List<String> settingHeads = new ArrayList<>();
    settings.forEach((k, vs) -> {
      keyHeads.add(Map.of("name", k, "span", vs.size()));
      settingHeads.addAll(vs);
    });
    List<Map<String, Object>> rowViews = new ArrayList<>();
    for (Row r : rows) {
      List<Map<String, Object>> cells = new ArrayList<>();
      settings.forEach((k, vs) -> vs.forEach(v -> {
        Cell c = r.cells().stream().filter(x -> x.key().equals(k) && x.setting().equals(v)).findFirst().orElse(null);
        Map<String, Object> cell = new LinkedHashMap<>();
        cell.put("judged", c != null);
        if (c != null) {
          cell.put("cls", heldClass(c.held(), c.n()));
          cell.put("held", c.held());
          cell.put("n", c.n());
          String number = number(c.value());
          if (!number.isEmpty()) cell.put("number", number);
        }
        cells.add(cell);
      }));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("beyond", !r.first().isStudy());
      row.put("statement", r.first().statement());
      row.put("source", r.first().source());
      row.put("model", r.first().model());
      row.put("cells", cells);
      row.put("cls", heldClass(r.held(), r.n()));
      row.put("verdict", r.verdict());
      rowViews.add(row);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("keys", keyHeads);
    view.put("settings", settingHeads);
    view.put("rows", rowViews);
    return SECTION.render(view);
  }

  private static String heldClass(int held, int n) {
    return held == n ? "all" : held == 0 ? "none" : "some";
  }

  /** "0.123 [0.101, 0.145]"; one value alone; "" for none. */
  static String number(Stats s) {
    if (s.n() == 0) return "";
    if (Double.isInfinite(s.mean())) return String.format(Locale.ROOT, "%.3g to %.3g", s.min(), s.max());
    if (s.n() == 1 || Double.isNaN(s.ciLow())) return String.format(Locale.ROOT, "%.3g", s.mean());
    return String.format(Locale.ROOT, "%.3g [%.3g, %.3g]", s.mean(), s.ciLow(), s.ciHigh());
  }
}
