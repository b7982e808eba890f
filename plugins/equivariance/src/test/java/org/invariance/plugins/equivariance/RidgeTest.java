package org.invariance.plugins.equivariance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

class RidgeTest {
  /** Float "activations": Y = X A + noise, so the best map explains part of Y. */
  private static INDArray[] data(int n, int m, int p, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray a = Nd4j.randn(DataType.DOUBLE, p, p);
    INDArray xTrain = Nd4j.randn(DataType.DOUBLE, n, p).addi(0.5);
    INDArray xTest = Nd4j.randn(DataType.DOUBLE, m, p).addi(0.5);
    INDArray yTrain = xTrain.mmul(a).addi(Nd4j.randn(DataType.DOUBLE, n, p).muli(2)).addi(1);
    INDArray yTest = xTest.mmul(a).addi(Nd4j.randn(DataType.DOUBLE, m, p).muli(2)).addi(1);
    return new INDArray[] {xTrain.castTo(DataType.FLOAT), xTest.castTo(DataType.FLOAT), yTrain.castTo(DataType.FLOAT), yTest.castTo(DataType.FLOAT)};
  }

  /** The textbook ridge with an intercept, W = (Xc'Xc + lambda I)^-1 Xc'Yc, on explicit matrices: {test residual, training residual, trace of the hat matrix}. */
  private static double[] naive(INDArray[] d, double lambda) {
    INDArray x = d[0].castTo(DataType.DOUBLE);
    INDArray y = d[2].castTo(DataType.DOUBLE);
    INDArray mx = x.mean(0);
    INDArray my = y.mean(0);
    INDArray xc = x.subRowVector(mx);
    INDArray yc = y.subRowVector(my);
    INDArray inv = InvertMatrix.invert(xc.transpose().mmul(xc).addi(Nd4j.eye(x.columns()).castTo(DataType.DOUBLE).muli(lambda)), false);
    INDArray w = inv.mmul(xc.transpose()).mmul(yc);
    INDArray predicted = d[1].castTo(DataType.DOUBLE).subRowVector(mx).mmul(w).addRowVector(my);
    double test = sq(d[3].castTo(DataType.DOUBLE).sub(predicted));
    double train = sq(yc.sub(xc.mmul(w)));
    double trace = 1;
    double[][] hat = xc.mmul(inv).mmul(xc.transpose()).toDoubleMatrix();
    for (int i = 0; i < hat.length; i++) trace += hat[i][i];
    return new double[] {test, train, trace};
  }

  private static double sq(INDArray a) {
    double n = a.norm2Number().doubleValue();
    return n * n;
  }

  private static void agree(int n, int m, int p) {
    INDArray[] d = data(n, m, p, 7 + p);
    try (Ridge primal = Ridge.of(d[0], d[1], false); Ridge dual = Ridge.of(d[0], d[1], true);
        Ridge.Target tp = primal.target(d[2], d[3]); Ridge.Target td = dual.target(d[2], d[3])) {
      assertFalse(primal.dual());
      assertTrue(dual.dual());
      assertEquals(primal.lambda(1), dual.lambda(1), 1e-9 * primal.lambda(1), "the same scale: the trace of Xc'Xc = trace of XcXc'");
      for (double r : new double[] {1e-4, 0.1, 3, 300}) {
        double lambda = primal.lambda(r);
        double[] want = naive(d, lambda);
        String at = "n=" + n + " p=" + p + " ridge " + r;
        assertEquals(want[0], tp.residual(lambda), 1e-8 * want[0], "primal test residual, " + at);
        assertEquals(want[0], td.residual(lambda), 1e-8 * want[0], "dual test residual, " + at);
        assertEquals(want[1], tp.trainingResidual(lambda), 1e-8 * (want[0] + want[1]), "primal training residual, " + at);
        assertEquals(want[1], td.trainingResidual(lambda), 1e-8 * (want[0] + want[1]), "dual training residual, " + at);
        assertEquals(want[2], tp.trace(lambda), 1e-8 * n, "primal trace, " + at);
        assertEquals(want[2], td.trace(lambda), 1e-8 * n, "dual trace, " + at);
        assertEquals(tp.gcv(lambda), td.gcv(lambda), 1e-8 * (tp.gcv(lambda) + want[0]), at);
        assertEquals(tp.error(lambda), td.error(lambda), 1e-9, at);
      }
      INDArray yTest = d[3].castTo(DataType.DOUBLE);
      assertEquals(sq(yTest.subRowVector(yTest.mean(0))), tp.variance(), 1e-9 * tp.variance());
      Ridge.Choice bp = tp.best(EquivarianceConfig.RIDGES);
      Ridge.Choice bd = td.best(EquivarianceConfig.RIDGES);
      assertEquals(bp.ridge(), bd.ridge(), "both forms choose the same ridge");
      assertEquals(bp.error(), bd.error(), 1e-9);
    }
  }

  @Test
  void primalDualAndTextbookRidgeAgreeWithFewerNeuronsThanImages() {
    agree(30, 25, 12);
  }

  @Test
  void primalDualAndTextbookRidgeAgreeWithMoreNeuronsThanImages() {
    agree(30, 25, 45);
  }

  @Test
  void theDualFormIsTakenExactlyWhenNeuronsOutnumberImages() {
    INDArray[] few = data(20, 10, 20, 1);
    INDArray[] many = data(20, 10, 21, 1);
    try (Ridge a = Ridge.of(few[0], few[1], null); Ridge b = Ridge.of(many[0], many[1], null)) {
      assertFalse(a.dual());
      assertTrue(b.dual());
    }
  }

  @Test
  void gcvPrefersLittleShrinkageForAnExactMapAndMuchForNoise() {
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.FLOAT, 80, 5);
    INDArray xt = Nd4j.randn(DataType.FLOAT, 60, 5);
    INDArray a = Nd4j.randn(DataType.FLOAT, 5, 5);
    try (Ridge r = Ridge.of(x, xt, null); Ridge.Target exact = r.target(x.mmul(a), xt.mmul(a));
        Ridge.Target noise = r.target(Nd4j.randn(DataType.FLOAT, 80, 5), Nd4j.randn(DataType.FLOAT, 60, 5))) {
      Ridge.Choice e = exact.best(EquivarianceConfig.RIDGES);
      assertEquals(1e-6, e.ridge(), "the training fit is exact: any shrinkage only adds error");
      assertEquals(0, e.error(), 1e-9);
      Ridge.Choice n = noise.best(EquivarianceConfig.RIDGES);
      assertTrue(n.ridge() >= 1, "unrelated targets: shrink towards the mean, got " + n.ridge());
      assertTrue(n.error() > 0.95 && n.error() < 1.2, "no better than the mean: " + n.error());
    }
  }
}
