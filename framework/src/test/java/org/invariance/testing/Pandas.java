package org.invariance.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a researcher's {@code pandas.read_csv(f)} makes of our CSVs, with no options: the dtype of
 * every column, from Debian's python3-pandas (the first of {@code python3} on the PATH and
 * {@code /usr/bin/python3} that imports it: a pyenv or venv python often does not). Where none
 * does the test is skipped, except where {@code INVARIANCE_REQUIRE_TOOLS} names {@code pandas} (CI
 * installs it).
 */
public final class Pandas {
  private static final String SCRIPT = String.join("\n",
      "import json, sys",
      "import pandas",
      "out = {}",
      "for f in sys.argv[1:]:",
      "    df = pandas.read_csv(f)",
      "    out[f] = {c: str(t) for c, t in df.dtypes.items()}",
      "print(json.dumps(out))");

  private Pandas() {}

  /** Each file's columns in order, each with its dtype's name ({@code int64}, {@code float64}, {@code object}, {@code bool}). */
  public static Map<Path, Map<String, String>> dtypes(List<Path> csvs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(python(), "-c", SCRIPT));
    for (Path p : csvs) cmd.add(p.toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
    byte[] out = p.getInputStream().readAllBytes();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), "pandas.read_csv failed: " + err);
    JsonNode json = new ObjectMapper().readTree(out);
    Map<Path, Map<String, String>> result = new LinkedHashMap<>();
    for (Path csv : csvs) {
      Map<String, String> columns = new LinkedHashMap<>();
      json.path(csv.toString()).fields().forEachRemaining(e -> columns.put(e.getKey(), e.getValue().asText()));
      result.put(csv, columns);
    }
    return result;
  }

  /** One file's dtypes as {@code column=dtype} separated by spaces, in column order. */
  public static String dtypes(Path csv) throws IOException, InterruptedException {
    StringBuilder b = new StringBuilder();
    dtypes(List.of(csv)).get(csv).forEach((c, t) -> b.append(b.length() == 0 ? "" : " ").append(c).append('=').append(t));
    return b.toString();
  }

  /** Whether a dtype is what a numeric column must read as. */
  public static boolean numeric(String dtype) {
    return dtype.equals("int64") || dtype.equals("float64");
  }

  /** A python that imports pandas. */
  private static String python() {
    return ExternalTool.python("pandas", "python3-pandas");
  }
}
