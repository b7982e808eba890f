package org.invariance.sweep;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.invariance.experiment.Experiment;
import org.invariance.experiment.Plan;
import org.invariance.files.AtomicWrite;
import org.invariance.plugin.Headlines;
import org.invariance.report.Report;
import org.invariance.results.Claim;
import org.invariance.results.ClaimsCsv;
import org.invariance.results.ResultTable;

/**
 * A sweep's numbers across its points, written to {@code summary/}: per probe, every headline
 * number (the probe plugin's {@link Headlines}, else every row) with its n, mean, standard
 * deviation and 95% interval over the seeds of each grid setting: of its raw rows in {@code
 * summary/<probe>.csv}, of its summary rows in {@code summary/<probe>_summary.csv} (each written
 * when it has a row; a point's {@code run_id} and {@code seed} are what it summarises over, never
 * keys); and
 * every claim as "held in k of n" with its number's mean and spread ({@code summary/claims.csv},
 * whose last column, {@code scope}, says whether the row is one of the study's claims ("study") or
 * its test beyond what the study analysed ("beyond")). Each table starts with the grid keys, so points of different settings never mix.
 */
public final class Summary {
  /** The columns every summary row ends with. */
  static final List<String> STATS = List.of("n", "mean", "sd", "ci95_low", "ci95_high");

  /** A point's columns that are not grouping keys: which run a row is from, and the number itself. */
  static final List<String> NOT_KEYS = List.of("run_id", "seed", "value");

  /** A claim across the seeds of one grid setting. */
  public record ClaimAcross(Map<String, String> setting, Claim first, int held, int n, Stats value) {}

  /** What was written: one CSV per probe file with headlines ({@code <probe>}, {@code <probe>_summary}), and the claims. */
  public record Outcome(Map<String, Path> probes, Path claims, List<ClaimAcross> claimRows, Map<String, Integer> rows,
      Map<String, Map<List<String>, double[]>> seedValues) {
    /** Without the seeds' values (a page that draws no figure across seeds). */
    public Outcome(Map<String, Path> probes, Path claims, List<ClaimAcross> claimRows, Map<String, Integer> rows) {
      this(probes, claims, claimRows, rows, Map.of());
    }
  }

  private Summary() {}

  public static Outcome write(Path out, Plan plan, Map<String, Headlines> headlines) throws IOException {
    Path dir = out.resolve("summary");
    Files.createDirectories(dir);
    List<String> gridKeys = plan.sweep() == null ? List.of() : new ArrayList<>(plan.sweep().grid().keySet());
    Map<String, Path> written = new LinkedHashMap<>();
    Map<String, Integer> rows = new LinkedHashMap<>();
    Map<String, Map<List<String>, double[]>> seedValues = new LinkedHashMap<>();
    for (Experiment.ProbeUse probe : plan.base().probes().values()) {
      String name = probe.use().id();
      Headlines h = headlines.getOrDefault(probe.use().plugin(), t -> t);
      // the raw rows' headlines, then the probe's own summary rows' (<probe>_summary.csv)
      for (String file : List.of(name, name + "_summary")) {
        UnaryOperator<ResultTable> pick = file.equals(name) ? h::headlines : h::summaries;
        List<List<String>> cells = new ArrayList<>();
        Map<List<String>, double[]> seeds = new LinkedHashMap<>();
        List<String> header = across(out, plan, gridKeys, file, pick, cells, seeds);
        if (header == null || cells.isEmpty()) continue;
        seedValues.put(file, seeds);
        Path f = dir.resolve(file + ".csv");
        writeCsv(f, header, cells);
        written.put(file, f);
        rows.put(file, cells.size());
      }
    }

    List<ClaimAcross> claims = claims(out, plan, gridKeys);
    List<String> header = new ArrayList<>(gridKeys);
    header.addAll(List.of("statement", "source", "model", "test", "held", "n", "quantity", "mean", "sd", "min", "max", "scope"));
    List<List<String>> cells = new ArrayList<>();
    for (ClaimAcross c : claims) {
      List<String> row = new ArrayList<>();
      for (String g : gridKeys) row.add(c.setting().get(g));
      row.addAll(List.of(c.first().statement(), c.first().source(), c.first().model(), c.first().test(), Integer.toString(c.held()),
          Integer.toString(c.n()), c.first().quantity(), Stats.cell(c.value().mean()), Stats.cell(c.value().sd()),
          Stats.cell(c.value().min()), Stats.cell(c.value().max()), c.first().scope().label()));
      cells.add(row);
    }
    Path claimsFile = dir.resolve("claims.csv");
    writeCsv(claimsFile, header, cells);
    return new Outcome(written, claimsFile, claims, rows, seedValues);
  }

  /**
   * One file's headline numbers over the points: fills {@code cells} with a row per grid setting and
   * key cells (n, mean, sd, 95% interval over the seeds) and returns the header; null when no point
   * has the file. The columns that say which run a row is from ({@code run_id}, {@code seed}) are
   * no keys: the rows of one setting's seeds are what a summary row summarises.
   */
  private static List<String> across(Path out, Plan plan, List<String> gridKeys, String file, UnaryOperator<ResultTable> pick,
      List<List<String>> cells, Map<List<String>, double[]> seeds) throws IOException {
    List<String> columns = null;
    // (grid setting + key cells) -> the values over the points of that setting
    Map<List<String>, double[]> values = new LinkedHashMap<>();
    Map<List<String>, Integer> counts = new LinkedHashMap<>();
    int points = plan.points().size();
    for (Plan.Point p : plan.points()) {
      Path csv = PointDirs.of(out, plan, p).resolve(file + ".csv");
      if (!Files.isRegularFile(csv)) continue;
      ResultTable table = pick.apply(ResultTable.read(csv));
      List<String> keys = new ArrayList<>(table.columns());
      keys.removeAll(NOT_KEYS);
      if (columns == null) columns = keys;
      else if (!columns.equals(keys)) throw new IOException(csv + ": columns " + keys + " differ from another point's " + columns);
      for (ResultTable.Row r : table.rows()) {
        List<String> key = new ArrayList<>(gridKeys.size() + keys.size());
        for (String g : gridKeys) key.add(p.grid().get(g));
        for (String c : keys) key.add(r.get(c));
        double[] v = values.computeIfAbsent(key, k -> new double[points]);
        if (!Double.isNaN(r.value())) {
          int at = counts.merge(key, 1, Integer::sum) - 1;
          v[at] = r.value();
        } else {
          counts.putIfAbsent(key, 0);
        }
      }
    }
    if (columns == null) return null;
    List<String> header = new ArrayList<>(gridKeys);
    header.addAll(columns);
    header.addAll(STATS);
    values.forEach((key, v) -> {
      Stats s = Stats.of(v, counts.get(key));
      seeds.put(key, Arrays.copyOf(v, counts.get(key))); // each seed's number, for the figures across seeds
      List<String> row = new ArrayList<>(key);
      row.add(Integer.toString(s.n()));
      row.add(Stats.cell(s.mean()));
      row.add(Stats.cell(s.sd()));
      row.add(Stats.cell(s.ciLow()));
      row.add(Stats.cell(s.ciHigh()));
      cells.add(row);
    });
    return header;
  }

  /** Every claim of every point, grouped by grid setting and claim, in order of first appearance. */
  static List<ClaimAcross> claims(Path out, Plan plan, List<String> gridKeys) throws IOException {
    Map<List<String>, List<Claim>> groups = new LinkedHashMap<>();
    Map<List<String>, Map<String, String>> settings = new LinkedHashMap<>();
    for (Plan.Point p : plan.points()) {
      Path f = Report.claimsFile(PointDirs.of(out, plan, p));
      if (!Files.isRegularFile(f)) continue;
      for (Claim c : ClaimsCsv.read(f)) {
        List<String> key = new ArrayList<>();
        for (String g : gridKeys) key.add(p.grid().get(g));
        key.add(c.identity());
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        settings.putIfAbsent(key, p.grid());
      }
    }
    List<ClaimAcross> out2 = new ArrayList<>();
    groups.forEach((key, list) -> {
      double[] v = new double[list.size()];
      int n = 0;
      for (Claim c : list) if (!Double.isNaN(c.value())) v[n++] = c.value();
      int held = (int) list.stream().filter(Claim::held).count();
      out2.add(new ClaimAcross(settings.get(key), list.get(0), held, list.size(), Stats.of(v, n)));
    });
    return out2;
  }

  /** A summary CSV read back: the header, then the rows, as strings. */
  public static List<List<String>> readCsv(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .readerFor(String[].class).readValues(file.toFile())) {
      while (it.hasNext()) out.add(List.of(it.next()));
    }
    return out;
  }

  static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    header.forEach(schema::addColumn);
    AtomicWrite.text(file, w -> {
      if (rows.isEmpty()) w.write(String.join(",", header) + "\n");
      else new CsvMapper().writer(schema.build()).writeValues(w).writeAll(rows);
    });
  }
}
