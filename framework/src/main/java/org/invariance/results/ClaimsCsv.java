package org.invariance.results;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.invariance.files.AtomicWrite;

/**
 * A run's judged claims as a tidy CSV ({@code report/claims.csv}), so a sweep can count in how many
 * seeds each held without redrawing any figure. Columns: run_id, seed (first, as in every CSV of a
 * run, so the claims of many runs concatenate), statement, source, model, measured, test, held
 * (true/false), quantity, value (empty when the claim has no single number), threshold (the number
 * the test compares value with; empty when it has none), scope ("study": one of the study's claims;
 * "beyond": the study's test on numbers the study did not analyse, not counted among its claims).
 * Older files read too: without run_id, seed and threshold (threshold NaN), and before that without
 * scope (the study's claims).
 */
public final class ClaimsCsv {
  static final List<String> COLUMNS = List.of("run_id", "seed", "statement", "source", "model", "measured", "test", "held", "quantity", "value",
      "threshold", "scope");
  /** The columns before run_id, seed and threshold were added. */
  static final List<String> COLUMNS_WITHOUT_THRESHOLD = List.of("statement", "source", "model", "measured", "test", "held", "quantity", "value", "scope");
  /** The columns before {@code scope} was added: every row one of the study's claims. */
  static final List<String> COLUMNS_WITHOUT_SCOPE = COLUMNS_WITHOUT_THRESHOLD.subList(0, COLUMNS_WITHOUT_THRESHOLD.size() - 1);
  private static final CsvMapper CSV = new CsvMapper();

  private ClaimsCsv() {}

  /** Writes {@code claims}, each row naming the run ({@code runId}, {@code seed}) as its probes' CSVs do. */
  public static void write(Path file, String runId, long seed, List<Claim> claims) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    List<List<String>> rows = new ArrayList<>();
    for (Claim c : claims) {
      rows.add(List.of(runId, Long.toString(seed), c.statement(), c.source(), c.model(), c.measured(), c.test(), Boolean.toString(c.held()), c.quantity(),
          Double.isNaN(c.value()) ? "" : Double.toString(c.value()), Double.isNaN(c.threshold()) ? "" : TidyCsv.formatValue(c.threshold()),
          c.scope().label()));
    }
    AtomicWrite.text(file, w -> {
      if (rows.isEmpty()) w.write(String.join(",", COLUMNS) + "\n"); // the header alone: a run that judged no claim
      else CSV.writer(schema.build()).writeValues(w).writeAll(rows);
    });
  }

  public static List<Claim> read(Path file) throws IOException {
    List<Claim> out = new ArrayList<>();
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(file.toFile())) {
      if (!it.hasNext()) throw new IOException(file + ": empty file, expected a header line");
      List<String> header = List.of(it.next());
      if (!header.equals(COLUMNS) && !header.equals(COLUMNS_WITHOUT_THRESHOLD) && !header.equals(COLUMNS_WITHOUT_SCOPE)) {
        throw new IOException(file + ":1: expected the columns " + COLUMNS + ", found " + header);
      }
      int columns = header.size();
      // where the older layouts put each cell: they lack run_id and seed in front
      int at = header.equals(COLUMNS) ? 2 : 0;
      long line = 1;
      while (it.hasNext()) {
        String[] c = it.next();
        line++;
        if (c.length != columns) throw new IOException(file + ":" + line + ": " + c.length + " cells, expected " + columns);
        double value = number(c[at + 7], "value", file, line);
        double threshold = header.equals(COLUMNS) ? number(c[at + 8], "threshold", file, line) : Double.NaN;
        Claim.Scope scope;
        try {
          scope = header.contains("scope") ? Claim.Scope.parse(c[header.indexOf("scope")]) : Claim.Scope.STUDY;
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ":" + line + ": " + e.getMessage());
        }
        out.add(new Claim(c[at], c[at + 1], c[at + 2], c[at + 3], c[at + 4], Boolean.parseBoolean(c[at + 5]), c[at + 6], value, scope, threshold));
      }
    } catch (RuntimeException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static double number(String cell, String column, Path file, long line) throws IOException {
    try {
      return cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      throw new IOException(file + ":" + line + ": " + column + ": not a number: '" + cell + "'");
    }
  }
}
