package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.invariance.config.CheckpointConfig;
import org.invariance.metrics.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's checkpoint on disk: due by count, whole or absent, with the training curve so far; a damaged one is never trusted. */
class FileCheckpointTest {
  @TempDir Path dir;

  FileCheckpoint checkpoint(String key, TrainingCurve curve) {
    return new FileCheckpoint(dir.resolve("A-" + key + ".checkpoint"), "A", key, new CheckpointConfig(0.0, 10), curve);
  }

  /** A trainer of one number: x += iteration, loss = x, reported every 5 iterations. */
  static long train(FileCheckpoint cp, TrainingCurve curve, long until, long[] state) throws Exception {
    long start = cp.resume(in -> state[0] = in.readLong());
    try (Progress p = curve.record("fit", until, Progress.silent())) {
      for (long it = start + 1; it <= until; it++) {
        state[0] += it;
        if (it % 5 == 0) p.value("loss", state[0]);
        p.done(it);
        cp.after(it, out -> out.writeLong(state[0]));
      }
    }
    return start;
  }

  @Test
  void resumesTheStateAndTheCurveFromTheLastDueCheckpoint() throws Exception {
    TrainingCurve first = new TrainingCurve();
    long[] state = {0};
    train(checkpoint("k1", first), first, 27, state); // "killed" after 27: checkpoints at 10 and 20
    assertEquals(27 * 28 / 2, state[0]);
    TrainingCurve second = new TrainingCurve();
    long[] resumed = {-1};
    assertEquals(20, train(checkpoint("k1", second), second, 40, resumed), "from the checkpoint after iteration 20");
    assertEquals(40 * 41 / 2, resumed[0], "the same end as a run never stopped");
    List<Long> iterations = new ArrayList<>();
    second.points().forEach(p -> iterations.add(p.iteration()));
    assertEquals(List.of(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L), iterations, "the curve is whole: points before the checkpoint came with it, none twice");
    assertEquals(25 * 26 / 2, second.points().get(4).value());
  }

  @Test
  void anotherModelsOrADamagedCheckpointIsNotTrusted() throws Exception {
    TrainingCurve c = new TrainingCurve();
    train(checkpoint("k1", c), c, 10, new long[] {0});
    Path f = dir.resolve("A-k1.checkpoint");
    assertTrue(Files.isRegularFile(f));
    Files.move(f, dir.resolve("A-k2.checkpoint"));
    assertEquals(0, checkpoint("k2", new TrainingCurve()).resume(in -> { throw new AssertionError("a checkpoint keyed k1 is not k2's"); }));
    train(checkpoint("k1", c), c, 10, new long[] {0});
    byte[] b = Files.readAllBytes(f);
    b[b.length - 40] ^= 1; // a bit of the body flips (the SHA-256 is the last 32 bytes)
    Files.write(f, b);
    assertEquals(0, checkpoint("k1", new TrainingCurve()).resume(in -> { throw new AssertionError("a damaged body is never read"); }));
    Files.write(f, Arrays.copyOf(b, b.length - 20)); // cut short
    assertEquals(0, checkpoint("k1", new TrainingCurve()).resume(in -> { throw new AssertionError("a truncated checkpoint is never read"); }));
    Files.write(f, new byte[0]); // empty
    assertEquals(0, checkpoint("k1", new TrainingCurve()).resume(in -> { throw new AssertionError("an empty checkpoint is never read"); }));
    checkpoint("k1", c).delete();
    assertFalse(Files.exists(f));
  }

  @Test
  void trainingCsvHasOneTidyRowPerNumber() throws Exception {
    TrainingCurve c = new TrainingCurve();
    try (Progress p = c.record("pretraining", 4, Progress.silent())) {
      p.value("lr", 0.5);
      for (long it = 1; it <= 4; it++) {
        if (it % 2 == 0) p.value("loss", 1.0 / it);
        p.done(it);
      }
    }
    c.watched(4, List.of(new TrainingCurve.Point("pretraining", 4, 1.0, "cka", 2, 30, 0.75)));
    Path csv = dir.resolve("training.csv");
    TrainingCurve.write(csv, "20261125-000000-abcd1234", 7, Map.of("AER", c.points()));
    List<String> lines = Files.readAllLines(csv);
    assertEquals("run_id,seed,model,phase,iteration,seconds,metric,layer,amount,value", lines.get(0));
    assertEquals(6, lines.size(), "two losses, two learning rates, one watch value: " + lines);
    assertTrue(lines.get(1).startsWith("20261125-000000-abcd1234,7,AER,pretraining,2,") && lines.get(1).endsWith(",loss,,,0.5"), lines.get(1));
    assertTrue(lines.get(2).endsWith(",lr,,,0.5"), lines.get(2));
    assertTrue(lines.get(4).endsWith(",lr,,,0.5"), lines.get(4));
    assertTrue(lines.get(5).startsWith("20261125-000000-abcd1234,7,AER,pretraining,4,1.000,cka,2,30,0.75"), lines.get(5));
  }

  @Test
  void aResumedTrainerReplacesTheWatchValuesItLooksAtAgainAndKeepsItsLosses() throws Exception {
    TrainingCurve c = new TrainingCurve();
    try (Progress p = c.record("fit", 20, Progress.silent())) {
      for (long it = 10; it <= 20; it += 10) {
        p.value("loss", it);
        p.done(it);
        c.watched(it, List.of(new TrainingCurve.Point("fit", it, 0, "cka", 1, 0, it / 100.0)));
      }
      // resumed from the checkpoint after iteration 10: iteration 20 is looked at again
      c.watched(10, List.of(new TrainingCurve.Point("fit", 10, 0, "cka", 1, 0, 0.1)));
    }
    List<String> kept = new ArrayList<>();
    c.points().forEach(p -> kept.add(p.metric() + "@" + p.iteration()));
    assertEquals(List.of("loss@10", "loss@20", "cka@10"), kept, "the later look is gone until it is taken again; the losses stay");
  }

  @Test
  void aCurveStoredBeforeItWasTidyIsStillRead() throws Exception {
    var old = new ObjectMapper().readTree("[{\"phase\":\"head\",\"iteration\":50,\"loss\":0.25,\"lr\":0.1,\"seconds\":2.5}]");
    List<TrainingCurve.Point> read = TrainingCurve.read(old);
    assertEquals(List.of(TrainingCurve.Point.training("head", 50, 2.5, "loss", 0.25), TrainingCurve.Point.training("head", 50, 2.5, "lr", 0.1)), read);
    TrainingCurve c = new TrainingCurve();
    c.restore(read);
    assertEquals(read, TrainingCurve.read(c.json()), "written and read back the same");
  }
}
