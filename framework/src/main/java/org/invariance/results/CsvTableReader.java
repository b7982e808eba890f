package org.invariance.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a CSV into a {@link ResultTable}: strictly UTF-8, the header checked for the columns the
 * reader needs, every problem one line naming the file and line (text that is not UTF-8 at its
 * byte, a parser complaint at its line and column, a row of the wrong width). Repeated words of a
 * column are kept once, so half a million rows fit a small heap.
 */
final class CsvTableReader {
  private CsvTableReader() {}

  /** Reads {@code csv}, whose header must hold {@code required} ({@code value} among them). */
  static ResultTable read(Path csv, List<String> required) throws IOException {
    if (!required.contains("value")) throw new IllegalArgumentException("a table has a value column");
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    String source = csv.toString();
    // strictly UTF-8, as TidyCsv writes (from bytes, Jackson would guess UTF-16 or UTF-32 from zero bytes)
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader text = new BufferedReader(new InputStreamReader(Files.newInputStream(csv), utf8), 1 << 16)) {
      text.mark(1);
      if (text.read() != '\uFEFF') text.reset(); // a byte order mark, as spreadsheets write
      return read(source, mapper.readerFor(String[].class).readValues(text), required);
    } catch (IOException | RuntimeException e) {
      throw problem(csv, e);
    }
  }

  /** Distinct values a column may have and still be pooled. */
  private static final int POOLED = 50_000;

  private static ResultTable read(String source, MappingIterator<String[]> rows, List<String> required) throws IOException {
    try (MappingIterator<String[]> it = rows) {
      if (!it.hasNext()) throw new IOException(source + ": empty file, expected a header line");
      List<String> columns = List.of(it.next());
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        if (index.put(columns.get(i), i) != null) throw new IOException(source + ":1: header names column '" + ResultTable.shown(columns.get(i)) + "' twice");
      }
      for (String column : required) {
        if (!index.containsKey(column)) throw new IOException(source + ":1: header lacks column '" + column + "': " + ResultTable.shown(columns.toString()));
      }
      ResultTable table = new ResultTable(source, columns, index, new ArrayList<>());
      // a column's few distinct words (run id, model, dataset, layer, metric) repeat on every row:
      // each is kept once, so a table of half a million rows stays small on a 512 MB heap
      List<Map<String, String>> pools = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) pools.add(new HashMap<>());
      // a row starts on the line after the previous one ends (a quoted cell may hold line breaks)
      long next = it.getParser().currentLocation().getLineNr();
      while (it.hasNext()) {
        long line = next;
        String[] cells = it.next();
        next = it.getParser().currentLocation().getLineNr();
        if (cells.length != columns.size()) {
          throw new IOException(source + ":" + line + ": " + cells.length + " cells, the header has " + columns.size());
        }
        for (int i = 0; i < cells.length; i++) {
          Map<String, String> pool = pools.get(i);
          if (pool == null) continue;
          String kept = pool.putIfAbsent(cells[i], cells[i]);
          if (kept != null) cells[i] = kept;
          else if (pool.size() > POOLED) pools.set(i, null); // a column of many distinct values (the value) is left as it is
        }
        table.rows.add(new ResultTable.Row(table, cells, line));
      }
      return table;
    }
  }

  /**
   * What went wrong, in one line naming the file: text that is not UTF-8 (at its byte), the CSV
   * parser's complaint ("Missing closing quote for value") at its line and column, or a bad row.
   */
  private static IOException problem(Path csv, Exception e) {
    if (e instanceof RuntimeException && e.getCause() instanceof IOException io && !(io instanceof JsonProcessingException)) {
      return problem(csv, io); // MappingIterator wraps what the reader threw
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof CharacterCodingException) return notUtf8(csv, e);
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof JsonProcessingException j) {
        JsonLocation at = j.getLocation();
        String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + (at.getColumnNr() > 0 ? ":" + at.getColumnNr() : "");
        String why = j.getOriginalMessage() == null ? "" : j.getOriginalMessage().lines().findFirst().orElse("").strip();
        return new IOException(csv + where + ": not valid CSV" + (why.isEmpty() ? "" : ": " + ResultTable.shown(why)), e);
      }
    }
    if (e instanceof NoSuchFileException) return new IOException(csv + ": no such file", e);
    if (e instanceof AccessDeniedException) return new IOException(csv + ": not readable (permission denied)", e);
    if (e instanceof IOException io && io.getMessage() != null && io.getMessage().startsWith(csv + ":")) return io; // ours
    boolean ours = e.getMessage() != null && e.getMessage().startsWith(csv + ":"); // a bad row (Row's IllegalArgumentException)
    if (e instanceof RuntimeException r && !ours) throw r; // a bug, not a bad file
    return new IOException(ours ? e.getMessage() : csv + ": cannot be read: " + ResultTable.shown(String.valueOf(e.getMessage())), e);
  }

  private static IOException notUtf8(Path csv, Exception e) {
    String where = "";
    try {
      byte[] bytes = Files.readAllBytes(csv);
      ByteBuffer in = ByteBuffer.wrap(bytes);
      CoderResult r = StandardCharsets.UTF_8.newDecoder().decode(in, CharBuffer.allocate(bytes.length), true);
      if (r.isError()) where = String.format(" (byte 0x%02X at offset %d)", bytes[in.position()] & 0xff, in.position());
    } catch (IOException | RuntimeException ignored) {
      // the offset is a courtesy
    }
    return new IOException(csv + ": not UTF-8 text" + where, e);
  }

}
