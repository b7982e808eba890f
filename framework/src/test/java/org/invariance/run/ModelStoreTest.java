package org.invariance.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.invariance.data.NpmPackage;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A stored model is reused only while its file has the SHA-256 its record holds: changed bytes, a
 * flipped bit, another model copied over it, a file cut short or emptied, a missing record: each is
 * refused (the run trains the model again), never read.
 */
class ModelStoreTest {
  @TempDir Path dir;

  private ModelStore store() {
    return new ModelStore(dir.resolve("models"));
  }

  /** A model of a few numbers: what it writes is what a test can read back. */
  record Numbers(double... values) implements Model {
    @Override public List<String> layerNames() { return List.of("input"); }
    @Override public int[] layerSizes() { return new int[] {values.length}; }
    @Override public int classes() { return 0; }
    @Override public Forward forward(int from, INDArray activity) { throw new UnsupportedOperationException(); }

    @Override
    public void write(DataOutputStream out) throws IOException {
      out.writeInt(values.length);
      for (double v : values) out.writeDouble(v);
    }
  }

  private static Model read(DataInputStream in) throws IOException {
    double[] v = new double[in.readInt()];
    for (int i = 0; i < v.length; i++) v[i] = in.readDouble();
    return new Numbers(v);
  }

  /** A model of 100 numbers, each {@code scale} times its index. */
  private Path saved(String key, double scale) throws Exception {
    double[] v = new double[100];
    for (int i = 0; i < v.length; i++) v[i] = scale * i;
    return store().save("M", key, "numbers", new Numbers(v), JsonNodeFactory.instance.objectNode());
  }

  @Test
  void aModelIsReusedWithItsSha256InItsRecord() throws Exception {
    Path f = saved("k1", 10);
    assertEquals(NpmPackage.sha256(f), new ObjectMapper().readTree(ModelStore.recordOf(f).toFile()).path("sha256").asText());
    assertTrue(store().load("M", "k1", "numbers", ModelStoreTest::read).isPresent());
  }

  /** Each way a stored model can go wrong, and that it is then not read. */
  @Test
  void aChangedModelIsNeverReused() throws Exception {
    List<Consumer<Path>> attacks = List.of(
        f -> change(f, g -> overwrite(g, 20, new byte[400])),                 // 400 bytes overwritten
        f -> change(f, g -> overwrite(g, 30, new byte[] {(byte) (bytes(g)[30] ^ 1)})), // one bit flipped
        f -> change(f, g -> write(g, Arrays.copyOf(bytes(g), bytes(g).length / 2))), // cut short
        f -> change(f, g -> write(g, new byte[0])),                            // emptied
        f -> change(f, g -> delete(ModelStore.recordOf(g))));                 // its record lost
    for (int i = 0; i < attacks.size(); i++) {
      Path f = saved("k" + i, 10);
      attacks.get(i).accept(f);
      Optional<Model> m = store().load("M", "k" + i, "numbers", in -> {
        throw new AssertionError("a changed model is never read");
      });
      assertTrue(m.isEmpty(), "attack " + i);
    }
    // another seed's model copied over it: a valid model, but not the one its record describes
    Path mine = saved("mine", 10);
    Path other = saved("other", 3);
    Files.copy(other, mine, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(store().load("M", "mine", "numbers", ModelStoreTest::read).isEmpty());
    assertArrayEquals(bytes(other), bytes(mine), "the copy is left for the new training to replace");
  }

  private static void change(Path f, Consumer<Path> how) {
    how.accept(f);
  }

  private static byte[] bytes(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path f, byte[] b) {
    try {
      Files.write(f, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path f) {
    try {
      Files.delete(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void overwrite(Path f, long at, byte[] with) {
    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap(with), at);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
