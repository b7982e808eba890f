package org.invariance.testing;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A CSV's cells, header first, less some columns named in its header: what two runs' CSVs must
 * agree on when they differ only in what names the run ({@code run_id}) or says when ({@code
 * seconds}).
 */
public final class CsvCells {
  private CsvCells() {}

  public static List<List<String>> without(Path csv, String... columns) throws IOException {
    List<List<String>> out = new ArrayList<>();
    List<Integer> drop = new ArrayList<>();
    try (MappingIterator<String[]> it = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY).readerFor(String[].class).readValues(csv.toFile())) {
      while (it.hasNext()) {
        List<String> row = new ArrayList<>(Arrays.asList(it.next()));
        if (out.isEmpty()) for (String c : columns) if (row.contains(c)) drop.add(row.indexOf(c));
        drop.stream().sorted((a, b) -> b - a).forEach(i -> row.remove((int) i));
        out.add(row);
      }
    }
    return out;
  }
}
