package org.invariance.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.invariance.files.AtomicWrite;
import org.invariance.metrics.Progress;

/**
 * A model's training curve, one tidy point per number: the loss and learning rate each time its
 * trainer reports a loss (taken from the progress calls trainers already make), and the values of
 * the experiment's {@code watch:} probes per layer and amount every few iterations. It is stored
 * with the model (its store JSON) and in its checkpoint, so a reused or resumed model still has its
 * whole curve, and every run writes {@code training.csv} from it.
 */
final class TrainingCurve {
  /**
   * One number of the curve.
   *
   * @param layer the layer a watch value is of (1 = input); 0 for the loss and learning rate
   * @param amount the transform amount a watch value is of; NaN for the loss and learning rate
   */
  record Point(String phase, long iteration, double seconds, String metric, int layer, double amount, double value) {
    static Point training(String phase, long iteration, double seconds, String metric, double value) {
      return new Point(phase, iteration, seconds, metric, 0, Double.NaN, value);
    }
  }

  private final List<Point> points = new ArrayList<>();
  private long t0 = System.nanoTime();
  private double before; // seconds trained before a resume
  private volatile String phase = "";
  private volatile long phaseTotal = -1;

  synchronized List<Point> points() {
    return List.copyOf(points);
  }

  /** The phase the trainer reports now, and its number of iterations (the watch looks at the last one too). */
  String phase() {
    return phase;
  }

  long phaseTotal() {
    return phaseTotal;
  }

  /** The progress a trainer sees: everything goes on to {@code inner}; a reported loss is also recorded at the iteration that follows it. */
  Progress record(String phase, long total, Progress inner) {
    this.phase = phase;
    this.phaseTotal = total;
    return new Progress() {
      private double loss = Double.NaN;
      private double lr = Double.NaN;

      @Override public void done(long steps) {
        inner.done(steps);
        if (!Double.isNaN(loss)) {
          double s = seconds();
          List<Point> now = new ArrayList<>(2);
          now.add(Point.training(phase, steps, s, "loss", loss));
          if (!Double.isNaN(lr)) now.add(Point.training(phase, steps, s, "lr", lr));
          add(phase, steps, false, now);
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

  /** The watch probes' values at one iteration of the current phase. */
  void watched(long iteration, List<Point> values) {
    add(phase, iteration, true, values);
  }

  double seconds() {
    return before + (System.nanoTime() - t0) / 1e9;
  }

  /**
   * A resumed trainer reports again from its checkpoint on: the points of the same kind (training
   * numbers or watch values) at or after {@code iteration} of the phase are replaced, so each stays once.
   */
  private synchronized void add(String phase, long iteration, boolean watch, List<Point> now) {
    points.removeIf(q -> q.phase().equals(phase) && q.iteration() >= iteration && (q.layer() > 0) == watch);
    points.addAll(now);
  }

  synchronized ArrayNode json() {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Point p : points) {
      ObjectNode n = a.addObject();
      n.put("phase", p.phase());
      n.put("iteration", p.iteration());
      n.put("seconds", p.seconds());
      n.put("metric", p.metric());
      if (p.layer() > 0) {
        n.put("layer", p.layer());
        n.put("amount", p.amount());
      }
      n.put("value", p.value());
    }
    return a;
  }

  /** A stored curve; one stored before the curve was tidy ({phase, iteration, loss, lr, seconds}) is read too. */
  static List<Point> read(JsonNode array) {
    List<Point> out = new ArrayList<>();
    for (JsonNode n : array) {
      String phase = n.path("phase").asText();
      long it = n.path("iteration").asLong();
      double s = n.path("seconds").asDouble(Double.NaN);
      if (n.has("metric")) {
        out.add(new Point(phase, it, s, n.path("metric").asText(), n.path("layer").asInt(0), n.path("amount").asDouble(Double.NaN), n.path("value").asDouble(Double.NaN)));
        continue;
      }
      out.add(Point.training(phase, it, s, "loss", n.path("loss").asDouble(Double.NaN)));
      double lr = n.path("lr").asDouble(Double.NaN);
      if (!Double.isNaN(lr)) out.add(Point.training(phase, it, s, "lr", lr));
    }
    return out;
  }

  /** The curve a checkpoint held: training goes on from there, its clock too. */
  synchronized void restore(List<Point> saved) {
    points.clear();
    points.addAll(saved);
    before = saved.stream().mapToDouble(Point::seconds).filter(Double::isFinite).max().orElse(0);
    t0 = System.nanoTime();
  }

  /** The columns of {@code training.csv}. */
  static final String HEADER = "run_id,seed,model,phase,iteration,seconds,metric,layer,amount,value";

  /**
   * {@code training.csv}: every model's curve, models in the experiment's order, each model's
   * points in the order they were made. Written by rename.
   */
  static void write(Path file, String runId, long seed, Map<String, List<Point>> curves) throws IOException {
    AtomicWrite.text(file, w -> {
      w.write(HEADER + "\n");
      String lead = quote(runId) + "," + seed + ",";
      for (Map.Entry<String, List<Point>> e : curves.entrySet()) {
        for (Point p : e.getValue()) {
          w.write(lead + quote(e.getKey()) + "," + p.phase() + "," + p.iteration() + ","
              + String.format(Locale.ROOT, "%.3f", p.seconds()) + "," + p.metric() + "," + (p.layer() > 0 ? p.layer() : "") + ","
              + (p.layer() > 0 ? amount(p.amount()) : "") + "," + number(p.value()) + "\n");
        }
      }
    });
  }

  /** An amount as written in the experiment: 30 rather than 30.0. */
  static String amount(double a) {
    return a == Math.rint(a) && Math.abs(a) < 1e15 ? Long.toString((long) a) : Double.toString(a);
  }

  private static String quote(String s) {
    return s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 ? s : '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "" : Double.toString(v);
  }
}
