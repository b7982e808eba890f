package org.invariance.run;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.invariance.bus.Addresses;
import org.invariance.bus.Events;
import org.invariance.metrics.RunMetrics;
import org.invariance.results.TidyCsv;

/**
 * Writes every probe's rows as they arrive to {@code <probe>.csv.partial} in the run directory, and
 * renames it to {@code <probe>.csv} only when the probe finished: a crash or a failing probe never
 * leaves a file that a later run or the report would take for finished (its rows stay, in the
 * partial file).
 */
final class ResultService extends VerticleBase {
  private final Path dir;
  private final RunMetrics metrics;
  private final Map<String, TidyCsv> files = new LinkedHashMap<>();

  ResultService(Path dir, RunMetrics metrics) {
    this.dir = dir;
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
    TidyCsv csv = files.remove(c.probe());
    if (csv == null) return new Events.Ack(0);
    csv.close();
    if (c.finished()) {
      java.nio.file.Files.move(partial(c.probe()), dir.resolve(c.probe() + ".csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return new Events.Ack(csv.rows());
  }

  private Path partial(String probe) {
    return dir.resolve(probe + ".csv.partial");
  }

  private synchronized Events.Ack write(Events.ResultBatch b) throws IOException {
    TidyCsv csv = files.get(b.probe());
    if (csv == null) {
      csv = new TidyCsv(partial(b.probe()), b.keyColumns());
      files.put(b.probe(), csv);
    } else if (!csv.keyColumns().equals(b.keyColumns())) {
      throw new IllegalArgumentException("probe " + b.probe() + " changed its key columns from " + csv.keyColumns() + " to " + b.keyColumns());
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
