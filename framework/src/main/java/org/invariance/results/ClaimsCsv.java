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
 * seeds each held without redrawing any figure. Columns: statement, source, model, measured, test,
 * held (true/false), quantity, value (empty when the claim has no single number), scope ("study":
 * one of the study's claims; "beyond": the study's test on numbers the study did not analyse, not
 * counted among its claims). A file written before the scope column reads as the study's claims.
 */
public final class ClaimsCsv {
  static final List<String> COLUMNS = List.of("statement", "source", "model", "measured", "test", "held", "quantity", "value", "scope");
  /** The columns before {@code scope} was added: every row one of the study's claims. */
  static final List<String> COLUMNS_WITHOUT_SCOPE = COLUMNS.subList(0, COLUMNS.size() - 1);
  private static final CsvMapper CSV = new CsvMapper();

  private ClaimsCsv() {}

  public static void write(Path file, List<Claim> claims) throws IOException {
    CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
    COLUMNS.forEach(schema::addColumn);
    List<List<String>> rows = new ArrayList<>();
    for (Claim c : claims) {
      rows.add(List.of(c.statement(), c.source(), c.model(), c.measured(), c.test(), Boolean.toString(c.held()), c.quantity(),
          Double.isNaN(c.value()) ? "" : Double.toString(c.value()), c.scope().label()));
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
      if (!header.equals(COLUMNS) && !header.equals(COLUMNS_WITHOUT_SCOPE)) {
        throw new IOException(file + ":1: expected the columns " + COLUMNS + ", found " + header);
      }
      int columns = header.size();
      long line = 1;
      while (it.hasNext()) {
        String[] c = it.next();
        line++;
        if (c.length != columns) throw new IOException(file + ":" + line + ": " + c.length + " cells, expected " + columns);
        double value;
        try {
          value = c[7].isEmpty() ? Double.NaN : Double.parseDouble(c[7]);
        } catch (NumberFormatException e) {
          throw new IOException(file + ":" + line + ": value: not a number: '" + c[7] + "'");
        }
        Claim.Scope scope;
        try {
          scope = columns > 8 ? Claim.Scope.parse(c[8]) : Claim.Scope.STUDY;
        } catch (IllegalArgumentException e) {
          throw new IOException(file + ":" + line + ": " + e.getMessage());
        }
        out.add(new Claim(c[0], c[1], c[2], c[3], c[4], Boolean.parseBoolean(c[5]), c[6], value, scope));
      }
    } catch (RuntimeException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return out;
  }
}
