package org.invariance.nn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.stream.IntStream;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The element-wise work of the models, fused into single passes over ND4J's native buffers with the
 * JDK's Vector API (SIMD exp through the JVM's vector math library). ND4J runs each element-wise op
 * as its own pass with its own dispatch, and its sigmoid costs ~5 ns per element here; fused passes
 * are 3-10x cheaper (see {@code ./invariance bench}). Float arrays only (the models' type); double
 * arrays (gradient checks) fall back to plain loops with the same arithmetic.
 *
 * <p>Every array must be a contiguous, c-ordered view starting at its buffer's offset 0, which is
 * how the models allocate them.
 */
public final class Fused {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final ByteOrder ORDER = ByteOrder.nativeOrder();

  /** Elements per block when splitting flat work (a multiple of every vector length). */
  private static final int BLOCK = 4096;
  /** Below this many elements a pass runs on the calling thread alone. */
  private static final long PARALLEL_MIN = 65_536;
  private static final int THREADS = Integer.getInteger("invariance.fused.threads", Runtime.getRuntime().availableProcessors());

  private Fused() {}

  private interface Range {
    void run(int from, int to);
  }

  /** Threads an element-wise pass may use. */
  public static int threads() {
    return THREADS;
  }

  private static int blocks(long n) {
    return (int) ((n + BLOCK - 1) / BLOCK);
  }

  /**
   * Runs {@code body} over [0, units) split into one contiguous part per core (the calling thread
   * takes one, the common fork-join pool the others): between matrix products the BLAS threads are
   * idle, so the element-wise passes may use every core. Each element's arithmetic does not depend
   * on the split, so results are identical whatever the thread count.
   */
  private static void parallel(int units, long elementsPerUnit, Range body) {
    int parts = (long) units * elementsPerUnit < PARALLEL_MIN ? 1 : Math.min(THREADS, units);
    if (parts <= 1) {
      body.run(0, units);
      return;
    }
    IntStream.range(0, parts).parallel().forEach(k -> body.run((int) ((long) units * k / parts), (int) ((long) units * (k + 1) / parts)));
  }

  private static ByteBuffer bytes(INDArray a) {
    if (a.offset() != 0 || a.ordering() != 'c' || a.elementWiseStride() != 1) throw new IllegalArgumentException("needs a c-ordered array at offset 0");
    return a.data().asNio().order(ORDER);
  }

  /** z = sigmoid(z + bias) for a (rows x cols) z and a (1 x cols) bias, in place. */
  public static void biasSigmoid(INDArray z, INDArray bias) {
    int rows = (int) z.rows();
    int cols = (int) z.columns();
    if (z.dataType() != DataType.FLOAT) {
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) z.putScalar(r, c, 1 / (1 + Math.exp(-(z.getDouble(r, c) + bias.getDouble(c)))));
      }
      return;
    }
    ByteBuffer zb = bytes(z);
    ByteBuffer bb = bytes(bias);
    parallel(rows, cols, (from, to) -> biasSigmoidRows(zb, bb, cols, from, to));
  }

  private static void biasSigmoidRows(ByteBuffer zb, ByteBuffer bb, int cols, int fromRow, int toRow) {
    int up = S.loopBound(cols);
    FloatVector one = FloatVector.broadcast(S, 1f);
    for (int r = fromRow; r < toRow; r++) {
      int base = r * cols * 4;
      int c = 0;
      for (; c < up; c += S.length()) {
        FloatVector v = FloatVector.fromByteBuffer(S, zb, base + c * 4, ORDER).add(FloatVector.fromByteBuffer(S, bb, c * 4, ORDER));
        one.div(exp(v.neg()).add(one)).intoByteBuffer(zb, base + c * 4, ORDER);
      }
      for (; c < cols; c++) {
        float v = zb.getFloat(base + c * 4) + bb.getFloat(c * 4);
        zb.putFloat(base + c * 4, 1f / (exp(-v) + 1f));
      }
    }
  }

  // exp by Cephes' expf scheme (range reduction to [-ln2/2, ln2/2], degree-6 polynomial, scaling
  // by 2^n through the exponent bits), about 1 ulp. Written with plain IEEE float +, -, *, / and bit
  // reinterpretation only, so it gives the same bits whether the JIT has compiled it to SIMD or still
  // runs it lane by lane; the Vector API's own EXP does not (Java's exp while interpreted, SVML once
  // compiled: 54 of 4096 lanes differed), which made training depend on when compilation happened.
  // n = round(x log2 e) comes from adding 1.5 * 2^23, which also leaves n in the low mantissa bits.
  private static final float EXP_HI = 88.0f;
  private static final float EXP_LO = -87.3365478515625f;
  private static final float LOG2E = 1.44269504088896341f;
  private static final float LN2_HI = 0.693359375f;
  private static final float LN2_LO = -2.12194440e-4f;
  private static final float ROUND = 12582912f; // 1.5 * 2^23
  private static final int ROUND_BITS = 0x4B400000;
  private static final float P0 = 1.9875691500e-4f;
  private static final float P1 = 1.3981999507e-3f;
  private static final float P2 = 8.3334519073e-3f;
  private static final float P3 = 4.1665795894e-2f;
  private static final float P4 = 1.6666665459e-1f;
  private static final float P5 = 5.0000001201e-1f;

  static FloatVector exp(FloatVector t) {
    FloatVector x = t.max(EXP_LO).min(EXP_HI);
    FloatVector shifted = x.mul(LOG2E).add(ROUND);
    FloatVector n = shifted.sub(ROUND);
    x = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
    FloatVector z = x.mul(x);
    FloatVector y = x.mul(P0).add(P1).mul(x).add(P2).mul(x).add(P3).mul(x).add(P4).mul(x).add(P5).mul(z).add(x).add(1f);
    IntVector scale = shifted.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23);
    return y.mul(scale.reinterpretAsFloats());
  }

  static float exp(float t) {
    float x = Math.min(Math.max(t, EXP_LO), EXP_HI);
    float shifted = x * LOG2E + ROUND;
    float n = shifted - ROUND;
    x = x - n * LN2_HI - n * LN2_LO;
    float z = x * x;
    float y = ((((((P0 * x + P1) * x + P2) * x + P3) * x + P4) * x + P5) * z) + x + 1f;
    return y * Float.intBitsToFloat((Float.floatToRawIntBits(shifted) - (ROUND_BITS - 127)) << 23);
  }

  /** delta *= a (1 - a): back through a sigmoid whose output was a. */
  public static void sigmoidGrad(INDArray delta, INDArray a) {
    long n = delta.length();
    if (delta.dataType() != DataType.FLOAT) {
      for (long k = 0; k < n; k++) {
        double y = a.getDouble(k);
        delta.putScalar(k, delta.getDouble(k) * y * (1 - y));
      }
      return;
    }
    ByteBuffer d = bytes(delta);
    ByteBuffer y = bytes(a);
    parallel(blocks(n), BLOCK, (from, to) -> sigmoidGradRange(d, y, from * BLOCK, (int) Math.min(n, (long) to * BLOCK)));
  }

  private static void sigmoidGradRange(ByteBuffer d, ByteBuffer y, int from, int len) {
    int up = from + S.loopBound(len - from);
    FloatVector one = FloatVector.broadcast(S, 1f);
    int i = from;
    for (; i < up; i += S.length()) {
      FloatVector yv = FloatVector.fromByteBuffer(S, y, i * 4, ORDER);
      FloatVector.fromByteBuffer(S, d, i * 4, ORDER).mul(yv.mul(one.sub(yv))).intoByteBuffer(d, i * 4, ORDER);
    }
    for (; i < len; i++) {
      float yv = y.getFloat(i * 4);
      d.putFloat(i * 4, d.getFloat(i * 4) * yv * (1 - yv));
    }
  }

  /**
   * One momentum-SGD step for a parameter: v = momentum v - lr (g + decay p); p += v.
   */
  public static void momentumStep(INDArray param, INDArray grad, INDArray velocity, double lr, double momentum, double decay) {
    long n = param.length();
    if (param.dataType() != DataType.FLOAT) {
      for (long k = 0; k < n; k++) {
        double p = param.getDouble(k);
        double v = momentum * velocity.getDouble(k) - lr * (grad.getDouble(k) + decay * p);
        velocity.putScalar(k, v);
        param.putScalar(k, p + v);
      }
      return;
    }
    ByteBuffer p = bytes(param);
    ByteBuffer g = bytes(grad);
    ByteBuffer v = bytes(velocity);
    float m = (float) momentum;
    float l = (float) lr;
    float dcy = (float) decay;
    parallel(blocks(n), BLOCK, (from, to) -> momentumRange(p, g, v, m, l, dcy, from * BLOCK, (int) Math.min(n, (long) to * BLOCK)));
  }

  private static void momentumRange(ByteBuffer p, ByteBuffer g, ByteBuffer v, float m, float l, float dcy, int from, int len) {
    int up = from + S.loopBound(len - from);
    int i = from;
    for (; i < up; i += S.length()) {
      FloatVector pv = FloatVector.fromByteBuffer(S, p, i * 4, ORDER);
      FloatVector gv = FloatVector.fromByteBuffer(S, g, i * 4, ORDER);
      FloatVector vv = FloatVector.fromByteBuffer(S, v, i * 4, ORDER).mul(m).sub(gv.add(pv.mul(dcy)).mul(l));
      vv.intoByteBuffer(v, i * 4, ORDER);
      pv.add(vv).intoByteBuffer(p, i * 4, ORDER);
    }
    for (; i < len; i++) {
      float pp = p.getFloat(i * 4);
      float vv = m * v.getFloat(i * 4) - l * (g.getFloat(i * 4) + dcy * pp);
      v.putFloat(i * 4, vv);
      p.putFloat(i * 4, pp + vv);
    }
  }
}
