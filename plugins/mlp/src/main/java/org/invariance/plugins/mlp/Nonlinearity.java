package org.invariance.plugins.mlp;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.invariance.nn.Fused;
import org.invariance.plugins.mlp.MlpConfig.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise work of an MLP, in place on preallocated arrays, in float (training) or double
 * (the gradient check, through the same formulas). Relu, bias additions, derivatives and the
 * softmax are plain loops over the arrays' native buffers on the calling thread: no op dispatch,
 * and the same bits whatever the load or thread count. Sigmoid goes through the framework's fused
 * passes ({@link Fused}, deterministic by design), tanh through ND4J's in-place transform. The
 * softmax's exponentials use {@link StrictMath#exp}, whose results are fixed by its specification.
 *
 * <p>Every array is a c-ordered (rows x cols) matrix at offset 0 of its buffer, as the model and
 * its training step allocate them.
 */
final class Nonlinearity {
  private Nonlinearity() {}

  private static FloatBuffer f(INDArray a) {
    return a.data().asNioFloat();
  }

  private static DoubleBuffer d(INDArray a) {
    return a.data().asNioDouble();
  }

  private static boolean isFloat(INDArray a) {
    if (a.ordering() != 'c' || a.offset() != 0 || a.elementWiseStride() != 1) throw new IllegalArgumentException("needs a c-ordered array at offset 0");
    if (a.dataType() == DataType.FLOAT) return true;
    if (a.dataType() == DataType.DOUBLE) return false;
    throw new IllegalArgumentException("float or double, not " + a.dataType());
  }

  /** z = f(z + bias) in place, for a (rows x cols) z and a (1 x cols) bias. */
  static void biasActivate(Activation f, INDArray z, INDArray bias) {
    switch (f) {
      case SIGMOID -> Fused.biasSigmoid(z, bias);
      case RELU -> biasRelu(z, bias);
      case TANH -> {
        addBias(z, bias);
        Transforms.tanh(z, false);
      }
    }
  }

  /**
   * delta *= f'(pre-activation), written through the layer's output h = f(pre-activation):
   * relu: [h > 0]; tanh: 1 - h^2; sigmoid: h (1 - h).
   */
  static void backward(Activation f, INDArray delta, INDArray h) {
    switch (f) {
      case SIGMOID -> Fused.sigmoidGrad(delta, h);
      case RELU -> reluGrad(delta, h);
      case TANH -> tanhGrad(delta, h);
    }
  }

  static void addBias(INDArray z, INDArray bias) {
    int rows = z.rows();
    int cols = z.columns();
    if (isFloat(z) != isFloat(bias) || bias.length() != cols) throw new IllegalArgumentException("a bias of " + cols + " values of the activity's type");
    if (isFloat(z)) {
      FloatBuffer zb = f(z);
      FloatBuffer bb = f(bias);
      for (int r = 0, at = 0; r < rows; r++) for (int c = 0; c < cols; c++, at++) zb.put(at, zb.get(at) + bb.get(c));
    } else {
      DoubleBuffer zb = d(z);
      DoubleBuffer bb = d(bias);
      for (int r = 0, at = 0; r < rows; r++) for (int c = 0; c < cols; c++, at++) zb.put(at, zb.get(at) + bb.get(c));
    }
  }

  /** z = max(z + bias, 0); NaN stays NaN (a diverged run shows in its loss). */
  static void biasRelu(INDArray z, INDArray bias) {
    int rows = z.rows();
    int cols = z.columns();
    if (isFloat(z) != isFloat(bias) || bias.length() != cols) throw new IllegalArgumentException("a bias of " + cols + " values of the activity's type");
    if (isFloat(z)) {
      FloatBuffer zb = f(z);
      FloatBuffer bb = f(bias);
      for (int r = 0, at = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++, at++) {
          float v = zb.get(at) + bb.get(c);
          zb.put(at, v < 0 ? 0f : v);
        }
      }
    } else {
      DoubleBuffer zb = d(z);
      DoubleBuffer bb = d(bias);
      for (int r = 0, at = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++, at++) {
          double v = zb.get(at) + bb.get(c);
          zb.put(at, v < 0 ? 0.0 : v);
        }
      }
    }
  }

  static void reluGrad(INDArray delta, INDArray h) {
    int n = (int) delta.length();
    if (isFloat(delta)) {
      FloatBuffer db = f(delta);
      FloatBuffer hb = f(h);
      for (int i = 0; i < n; i++) if (!(hb.get(i) > 0)) db.put(i, 0f);
    } else {
      DoubleBuffer db = d(delta);
      DoubleBuffer hb = d(h);
      for (int i = 0; i < n; i++) if (!(hb.get(i) > 0)) db.put(i, 0.0);
    }
  }

  static void tanhGrad(INDArray delta, INDArray h) {
    int n = (int) delta.length();
    if (isFloat(delta)) {
      FloatBuffer db = f(delta);
      FloatBuffer hb = f(h);
      for (int i = 0; i < n; i++) {
        float y = hb.get(i);
        db.put(i, db.get(i) * (1f - y * y));
      }
    } else {
      DoubleBuffer db = d(delta);
      DoubleBuffer hb = d(h);
      for (int i = 0; i < n; i++) {
        double y = hb.get(i);
        db.put(i, db.get(i) * (1.0 - y * y));
      }
    }
  }

  /** Row-wise softmax of z + bias in place, computed in double precision; {@code e} holds a row (cols values). */
  static void biasSoftmax(INDArray z, INDArray bias, double[] e) {
    int rows = z.rows();
    int cols = z.columns();
    boolean fl = isFloat(z);
    if (fl != isFloat(bias) || bias.length() != cols || e.length < cols) throw new IllegalArgumentException("a bias of " + cols + " values of the activity's type");
    FloatBuffer zf = fl ? f(z) : null;
    FloatBuffer bf = fl ? f(bias) : null;
    DoubleBuffer zd = fl ? null : d(z);
    DoubleBuffer bd = fl ? null : d(bias);
    for (int r = 0; r < rows; r++) {
      int base = r * cols;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < cols; c++) {
        e[c] = fl ? (double) (zf.get(base + c) + bf.get(c)) : zd.get(base + c) + bd.get(c);
        if (e[c] > max || Double.isNaN(e[c])) max = e[c];
      }
      double sum = 0;
      for (int c = 0; c < cols; c++) {
        e[c] = StrictMath.exp(e[c] - max);
        sum += e[c];
      }
      for (int c = 0; c < cols; c++) {
        if (fl) zf.put(base + c, (float) (e[c] / sum));
        else zd.put(base + c, e[c] / sum);
      }
    }
  }
}
