package org.invariance.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Binary storage of models (ND4J's array format inside a small tagged envelope). */
public final class ModelIO {
  private static final int MAGIC = 0x494e564d; // "INVM"
  private static final int VERSION = 1;

  private ModelIO() {}

  public static void write(Model m, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      if (m instanceof Encoder e) {
        out.writeUTF("encoder");
        writeEncoder(e, out);
      } else if (m instanceof Classifier c) {
        out.writeUTF("classifier");
        writeEncoder(c.encoder(), out);
        Nd4j.write(c.head().weights(), out);
        Nd4j.write(c.head().bias(), out);
      }
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public static Model read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC) throw new IOException(file + ": not an invariance model file");
      int v = in.readInt();
      if (v != VERSION) throw new IOException(file + ": model format " + v + " is not " + VERSION);
      String kind = in.readUTF();
      Encoder e = readEncoder(in);
      return switch (kind) {
        case "encoder" -> e;
        case "classifier" -> new Classifier(e, new SoftmaxHead(Nd4j.read(in), Nd4j.read(in)));
        default -> throw new IOException(file + ": unknown model kind " + kind);
      };
    }
  }

  private static void writeEncoder(Encoder e, DataOutputStream out) throws IOException {
    out.writeInt(e.weights().size());
    for (int i = 0; i < e.weights().size(); i++) {
      Nd4j.write(e.weights().get(i), out);
      Nd4j.write(e.biases().get(i), out);
    }
  }

  private static Encoder readEncoder(DataInputStream in) throws IOException {
    int n = in.readInt();
    List<INDArray> w = new ArrayList<>();
    List<INDArray> b = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      w.add(Nd4j.read(in));
      b.add(Nd4j.read(in));
    }
    return new Encoder(w, b);
  }
}
