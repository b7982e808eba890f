package {{package}};

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.invariance.model.Activations;
import org.invariance.model.Forward;
import org.invariance.model.Model;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A nearest-class-mean classifier as probes see it. Layer 1 is the input (n images x their values),
 * layer 2 the closeness of each image to each class's mean training image (minus the squared
 * distance; n x classes), and the probabilities a softmax of layer 2 over the temperature.
 */
public final class {{Name}}Model implements Model {
  /** The version of what {@link #write} writes; {@link #read} refuses another. */
  private static final int FORMAT = 1;

  private final float[][] means; // classes x values per image
  private final double temperature;

  {{Name}}Model(float[][] means, double temperature) {
    this.means = means;
    this.temperature = temperature;
  }

  @Override
  public List<String> layerNames() {
    return List.of("input", "closeness");
  }

  @Override
  public int[] layerSizes() {
    return new int[] {means[0].length, means.length};
  }

  @Override
  public int classes() {
    return means.length;
  }

  /** From layer 1 (the images) or layer 2 (a closeness, as ablation hands it back with neurons switched off). */
  @Override
  public Forward forward(int from, INDArray activity) {
    if (from == 2) return new Forward(List.of(activity), softmax(activity));
    if (from != 1) throw new IllegalArgumentException("this model has layers 1 and 2, not " + from);
    INDArray closeness = closeness(activity);
    return new Forward(List.of(activity, closeness), softmax(closeness));
  }

  /** Minus the squared distance of each image (a row) to each class's mean. */
  private INDArray closeness(INDArray images) {
    float[] x = Activations.floats(images);
    int n = images.rows();
    int size = means[0].length;
    int classes = means.length;
    float[] out = new float[n * classes];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < classes; c++) {
        double d = 0;
        for (int j = 0; j < size; j++) {
          double e = x[i * size + j] - means[c][j];
          d += e * e;
        }
        out[i * classes + c] = (float) -d;
      }
    }
    return Nd4j.create(out, new long[] {n, classes}, 'c');
  }

  /** Per row, exp(v / temperature) normalised (the largest v subtracted first); StrictMath, so the bits never depend on the JIT. */
  private INDArray softmax(INDArray closeness) {
    float[] v = Activations.floats(closeness);
    int classes = means.length;
    int n = v.length / classes;
    float[] p = new float[v.length];
    double[] e = new double[classes];
    for (int i = 0; i < n; i++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) max = Math.max(max, v[i * classes + c]);
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        e[c] = StrictMath.exp((v[i * classes + c] - max) / temperature);
        sum += e[c];
      }
      for (int c = 0; c < classes; c++) p[i * classes + c] = (float) (e[c] / sum);
    }
    return Nd4j.create(p, new long[] {n, classes}, 'c');
  }

  /** Everything {@link #read} needs to make an identical model. */
  @Override
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(means.length);
    out.writeInt(means[0].length);
    out.writeDouble(temperature);
    for (float[] mean : means) {
      for (float v : mean) out.writeFloat(v);
    }
  }

  static {{Name}}Model read(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) throw new IOException("a {{name}} model of format " + format + "; this plugin reads format " + FORMAT);
    int classes = in.readInt();
    int size = in.readInt();
    double temperature = in.readDouble();
    float[][] means = new float[classes][size];
    for (float[] mean : means) {
      for (int j = 0; j < size; j++) mean[j] = in.readFloat();
    }
    return new {{Name}}Model(means, temperature);
  }
}
