package org.invariance.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a PyTorch peer script (bench/tied_ae.py, bench/cnn.py) prints: one JSON object on its last
 * line, with per-iteration times in {@code ms}, optionally forward-pass times in {@code forward_ms},
 * and the settings it ran under.
 *
 * @param params the peer's parameter count, or -1 when it does not say
 */
public record PeerResult(String torch, int threads, String blas, String coretype, boolean mkldnn, long params, double[] ms, double[] forwardMs) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses the last non-blank line of a peer's standard output. */
  public static PeerResult parse(String stdout) {
    String line = lastLine(stdout);
    if (!line.startsWith("{")) throw new IllegalArgumentException("no JSON object on the peer's last line: " + line);
    JsonNode j;
    try {
      j = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the peer's last line is not JSON: " + e.getOriginalMessage(), e);
    }
    double[] ms = times(j.get("ms"));
    if (ms == null || ms.length == 0) throw new IllegalArgumentException("the peer printed no times (\"ms\")");
    double[] fwd = times(j.get("forward_ms"));
    return new PeerResult(j.path("torch").asText("?"), j.path("threads").asInt(0), j.path("blas").asText("?"), j.path("coretype").asText(""),
        j.path("mkldnn").asBoolean(false), j.path("params").asLong(-1), ms, fwd == null ? new double[0] : fwd);
  }

  private static double[] times(JsonNode a) {
    if (a == null || !a.isArray()) return null;
    double[] v = new double[a.size()];
    for (int i = 0; i < v.length; i++) {
      if (!a.get(i).isNumber()) throw new IllegalArgumentException("a time that is not a number: " + a.get(i));
      v[i] = a.get(i).asDouble();
    }
    return v;
  }

  /** The training iterations' median, min and max. */
  public Measurement step() {
    return Measurement.of(ms);
  }

  /** The forward passes' median, min and max, or null when the peer timed none. */
  public Measurement forward() {
    return forwardMs.length == 0 ? null : Measurement.of(forwardMs);
  }

  /** The settings as the rows' notes give them. */
  public String settings() {
    return "torch " + torch + ", " + threads + " threads, BLAS " + blas + ", OpenBLAS kernel " + (coretype.isEmpty() ? "?" : coretype) + ", passive OpenMP, buffers kept";
  }

  static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1].strip();
  }
}
