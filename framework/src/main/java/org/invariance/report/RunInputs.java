package org.invariance.report;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.invariance.results.ResultTable;

/**
 * What the report reads of a run directory, provenance.json as a tree and a probe's CSVs whole,
 * each failure one {@link Report.Unreadable} line naming the file: kept apart so the report trusts
 * nothing it has not read whole before it writes anything.
 */
final class RunInputs {
  // provenance is read as a tree, never bound to a record (config records bind with ConfigMapper): a plain reader
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunInputs() {}

  /** A probe's CSV, read whole; a bad row is an {@link Report.Unreadable} at its line. */
  static ResultTable table(Path csv) throws Report.Unreadable {
    try {
      return ResultTable.read(csv);
    } catch (IOException e) {
      throw new Report.Unreadable(e.getMessage(), e);
    }
  }

  /**
   * A run's provenance.json, which must be a JSON object; otherwise one line:
   * {@code <path>: not JSON (<reason>, line L, column C)}.
   */
  static JsonNode provenance(Path file) throws Report.Unreadable {
    JsonNode prov;
    try (InputStream in = Files.newInputStream(file)) {
      prov = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(in);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null || at.getLineNr() < 1 ? "" : ", line " + at.getLineNr() + (at.getColumnNr() > 0 ? ", column " + at.getColumnNr() : "");
      throw new Report.Unreadable(file + ": not JSON (" + jsonReason(e) + where + ")", e);
    } catch (IOException e) {
      throw new Report.Unreadable(file + ": cannot be read (" + (e instanceof AccessDeniedException ? "permission denied" : String.valueOf(e.getMessage())) + ")", e);
    }
    if (prov == null || prov.isMissingNode()) throw new Report.Unreadable(file + ": not JSON (empty file)", null);
    if (!prov.isObject()) throw new Report.Unreadable(file + ": not a run's provenance (a JSON " + prov.getNodeType().toString().toLowerCase(Locale.ROOT) + ", not an object)", null);
    return prov;
  }

  /** The parser's complaint, short: "unexpected character 'x'", "unexpected end of file", "unrecognized token 'abc'". */
  static String jsonReason(JsonProcessingException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().strip().lines().findFirst().orElse("");
    Matcher c = Pattern.compile("^Unexpected character \\('(.*?)' \\(code \\d+\\)\\)").matcher(m);
    if (c.find()) return "unexpected character '" + c.group(1) + "'";
    if (m.startsWith("Unexpected end-of-input")) return "unexpected end of file";
    Matcher t = Pattern.compile("^Unrecognized token '([^']{0,40})").matcher(m);
    if (t.find()) return "unrecognized token '" + t.group(1) + (t.group(1).length() == 40 ? "..." : "") + "'";
    if (m.startsWith("Trailing token")) return "more after the end of the JSON value";
    int colon = m.indexOf(':');
    String s = colon > 0 ? m.substring(0, colon) : m;
    s = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return s.isEmpty() ? e.getClass().getSimpleName() : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
