package org.invariance.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Arrays written bit for bit into a checkpoint and read back into the same buffers they came from:
 * a training step wraps its buffers once (BLAS operands), so restoring must fill them in place,
 * never replace them.
 */
public final class ArrayState {
  private ArrayState() {}

  public static void write(DataOutputStream out, INDArray... arrays) throws IOException {
    for (INDArray a : arrays) {
      ByteBuffer b = bytes(a);
      out.writeUTF(a.dataType().name());
      out.writeLong(a.length());
      byte[] copy = new byte[b.remaining()];
      b.get(copy);
      out.write(copy);
    }
  }

  /** Reads what {@link #write} wrote into arrays of the same types and lengths, in the same order. */
  public static void read(DataInputStream in, INDArray... arrays) throws IOException {
    for (INDArray a : arrays) {
      String type = in.readUTF();
      long length = in.readLong();
      if (!type.equals(a.dataType().name()) || length != a.length()) {
        throw new IOException("checkpoint holds a " + type + " array of " + length + " values where a " + a.dataType() + " array of " + a.length() + " belongs");
      }
      ByteBuffer b = bytes(a);
      byte[] copy = new byte[b.remaining()];
      in.readFully(copy);
      b.put(copy);
    }
  }

  /** The array's own values as bytes (a whole, contiguous array: what trainers allocate). */
  private static ByteBuffer bytes(INDArray a) {
    if (a.isView() || a.offset() != 0) throw new IllegalArgumentException("a checkpoint holds whole arrays, not views");
    ByteBuffer all = a.data().asNio();
    all.position(0);
    all.limit((int) (a.length() * a.dataType().width()));
    return all.slice();
  }
}
