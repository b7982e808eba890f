package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.invariance.bus.Addresses;
import org.invariance.bus.Events;
import org.invariance.files.AtomicWrite;
import org.invariance.metrics.RunMetrics;
import org.invariance.results.TidyCsv;

/**
 * Writes every probe's rows as they arrive to {@code <probe>.csv.partial} (its summary rows to
 * {@code <probe>_summary.csv.partial}) in the run directory, and renames them to {@code .csv} only
 * when the probe finished, the summary first: a crash or a failing probe never leaves a file that a
 * later run or the report would take for finished (its rows stay, in the partial file), and a
 * finished {@code <probe>.csv} means its summary is there too.
 */
final class ResultService extends VerticleBase {
  private final Path dir;
  private final String runId;
  private final long seed;
  private final RunMetrics metrics;
  /** By file name ({@code <probe>} or {@code <probe>_summary}). */
  private final Map<String, TidyCsv> files = new LinkedHashMap<>();

  ResultService(Path dir, String runId, long seed, RunMetrics metrics) {
    this.dir = dir;
    this.runId = runId;
    this.seed = seed;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    return vertx.eventBus().<Events.ResultBatch>consumer(Addresses.PROBE_RESULT, m -> {
      Events.ResultBatch b = m.body();
      // file I/O off the event loop, in arrival order
      Future<Events.Ack> f = vertx.executeBlocking(() -> write(b), true);
      Replies.reply(m, f, "results of " + b.probe(), metrics);
    }).completion().compose(v -> vertx.eventBus().<Events.ProbeCompleted>consumer(Addresses.PROBE_COMPLETED, m -> {
      Future<Events.Ack> f = vertx.executeBlocking(() -> complete(m.body()), true);
      Replies.reply(m, f, "completion of " + m.body().probe(), metrics);
    }).completion());
  }

  private synchronized Events.Ack complete(Events.ProbeCompleted c) throws IOException {
    long rows = 0;
    for (String file : new String[] {c.probe() + "_summary", c.probe()}) {
      TidyCsv csv = files.remove(file);
      if (csv == null) continue;
      csv.close();
      rows += csv.rows();
      if (c.finished()) AtomicWrite.replace(partial(file), dir.resolve(file + ".csv"));
    }
    return new Events.Ack(rows);
  }

  private Path partial(String file) {
    return dir.resolve(file + ".csv.partial");
  }

  private synchronized Events.Ack write(Events.ResultBatch b) throws IOException {
    TidyCsv csv = files.get(b.file());
    if (csv == null) {
      csv = new TidyCsv(partial(b.file()), runId, seed, b.keyColumns());
      files.put(b.file(), csv);
    } else if (!csv.keyColumns().equals(b.keyColumns())) {
      throw new IllegalArgumentException("probe " + b.probe() + " changed the key columns of " + b.file() + ".csv from " + csv.keyColumns() + " to " + b.keyColumns());
    }
    csv.write(b.rows());
    return new Events.Ack(csv.rows());
  }

  @Override
  public synchronized Future<?> stop() {
    for (TidyCsv c : files.values()) {
      try {
        c.close();
      } catch (IOException e) {
        return Future.failedFuture(e);
      }
    }
    return Future.succeededFuture();
  }
}
