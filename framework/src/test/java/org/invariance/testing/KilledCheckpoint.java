package org.invariance.testing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.invariance.plugin.Checkpoint;

/**
 * A checkpoint in memory that saves every {@code every} iterations and "kills" the training (throws
 * {@link Killed}) right after iteration {@code killAt}, so a test can resume it with the same object
 * and compare the result with an uninterrupted training. Iterations after the last save are lost and
 * done again, as after a real SIGKILL.
 */
public final class KilledCheckpoint implements Checkpoint {
  /** What a killed training throws. */
  public static final class Killed extends RuntimeException {
    Killed(long at) {
      super("killed after iteration " + at);
    }
  }

  private final int every;
  private long killAt;
  private byte[] saved;
  private long savedAt;
  private long resumedAt;

  public KilledCheckpoint(int every, long killAt) {
    this.every = every;
    this.killAt = killAt;
  }

  @Override
  public long resume(Restore restore) throws IOException {
    resumedAt = 0;
    if (saved == null) return 0;
    restore.read(new DataInputStream(new ByteArrayInputStream(saved)));
    resumedAt = savedAt;
    return savedAt;
  }

  @Override
  public void after(long iteration, Save save) throws IOException {
    if (iteration % every == 0) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      save.write(new DataOutputStream(b));
      saved = b.toByteArray();
      savedAt = iteration;
    }
    if (iteration == killAt) {
      killAt = -1; // once: the resumed training runs to the end
      throw new Killed(iteration);
    }
  }

  /** The iteration the last {@link #resume} started after (0: from scratch). */
  public long resumedAt() {
    return resumedAt;
  }
}
