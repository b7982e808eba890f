package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.invariance.metrics.Progress;

/**
 * A model's training curve: a point each time its trainer reports a loss (the iteration, the loss,
 * the learning rate then, seconds since training began), taken from the progress calls trainers
 * already make. It is stored with the model (its store JSON) and in its checkpoint, so a reused or
 * resumed model still has its whole curve, and every run writes {@code training.csv} from it.
 */
final class TrainingCurve {
  /** One reported loss. */
  record Point(String phase, long iteration, double loss, double lr, double seconds) {}

  private final List<Point> points = new ArrayList<>();
  private long t0 = System.nanoTime();
  private double before; // seconds trained before a resume

  synchronized List<Point> points() {
    return List.copyOf(points);
  }

  /** The progress a trainer sees: everything goes on to {@code inner}; a reported loss is also recorded at the iteration that follows it. */
  Progress record(String phase, Progress inner) {
    return new Progress() {
      private double loss = Double.NaN;
      private double lr = Double.NaN;

      @Override public void done(long steps) {
        inner.done(steps);
        if (!Double.isNaN(loss)) {
          add(new Point(phase, steps, loss, lr, seconds()));
          loss = Double.NaN;
        }
      }

      @Override public void advance(long steps) {
        inner.advance(steps);
      }

      @Override public void value(String name, double value) {
        inner.value(name, value);
        if (name.equals("loss")) loss = value;
        else if (name.equals("lr")) lr = value;
      }

      @Override public void samples(long count) {
        inner.samples(count);
      }

      @Override public void close() {
        inner.close();
      }
    };
  }

  private synchronized void add(Point p) {
    // a resumed trainer reports again from its checkpoint on: keep one point per phase and iteration
    points.removeIf(q -> q.phase().equals(p.phase()) && q.iteration() >= p.iteration());
    points.add(p);
  }

  private double seconds() {
    return before + (System.nanoTime() - t0) / 1e9;
  }

  synchronized ArrayNode json() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Point p : points) {
      ObjectNode n = a.addObject();
      n.put("phase", p.phase());
      n.put("iteration", p.iteration());
      n.put("loss", p.loss());
      n.put("lr", p.lr());
      n.put("seconds", p.seconds());
    }
    return a;
  }

  static List<Point> read(JsonNode array) {
    List<Point> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(new Point(n.path("phase").asText(), n.path("iteration").asLong(), n.path("loss").asDouble(Double.NaN), n.path("lr").asDouble(Double.NaN),
          n.path("seconds").asDouble(Double.NaN)));
    }
    return out;
  }

  /** The curve a checkpoint held: training goes on from there, its clock too. */
  synchronized void restore(List<Point> saved) {
    points.clear();
    points.addAll(saved);
    before = saved.isEmpty() ? 0 : saved.get(saved.size() - 1).seconds();
    t0 = System.nanoTime();
  }

  /** {@code training.csv}: every model's curve, models in the experiment's order. Written by rename. */
  static void write(Path file, Map<String, List<Point>> curves) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("model,phase,iteration,loss,lr,seconds\n");
      for (Map.Entry<String, List<Point>> e : curves.entrySet()) {
        for (Point p : e.getValue()) {
          w.write(e.getKey() + "," + p.phase() + "," + p.iteration() + "," + number(p.loss()) + "," + number(p.lr()) + "," + String.format(java.util.Locale.ROOT, "%.3f", p.seconds()) + "\n");
        }
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
