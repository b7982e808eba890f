package org.invariance.plugins.mlp;

import org.invariance.nn.Fused;
import org.invariance.nn.Gemm;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ProfileTmpTest {
  interface R { void run(); }
  static void time(String name, int n, R r) {
    for (int i = 0; i < 20; i++) r.run();
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) r.run();
    System.out.printf("%-30s %8.1f us%n", name, (System.nanoTime() - t0) / 1e3 / n);
  }
  @Test
  void profile() {
    Mlp m = MlpPlugin.random(new int[] {784, 256, 128}, 10, MlpConfig.Activation.RELU, 1, DataType.FLOAT);
    MlpStep s = new MlpStep(m, 64, 0.9, 0);
    s.input().assign(Nd4j.rand(DataType.FLOAT, 64, 784));
    time("forward", 200, s::forward);
    time("backward", 200, s::backward);
    time("update", 200, () -> s.update(0.001));
    INDArray a = Nd4j.rand(DataType.FLOAT, 64, 784), w = m.allWeights().get(0), out = Nd4j.zeros(DataType.FLOAT, 64, 256);
    time("gemm 64x784x256", 200, () -> Gemm.gemm(a, w, out, false, false, 1, 0));
    INDArray b = m.allBiases().get(0);
    time("addiRowVector", 200, () -> out.addiRowVector(b));
    time("relu", 200, () -> Nonlinearity.activate(MlpConfig.Activation.RELU, out));
    INDArray sc = out.dup(), dd = out.dup();
    time("relu back", 200, () -> Nonlinearity.backward(MlpConfig.Activation.RELU, dd, out, sc));
    INDArray p = Nd4j.rand(DataType.FLOAT, 64, 10);
    time("softmax", 200, () -> Nonlinearity.softmax(p));
    INDArray g = w.dup(), v = w.dup().assign(0);
    time("momentum W1", 200, () -> Fused.momentumStep(w, g, v, 0.0, 0.9, 0));
  }
}
