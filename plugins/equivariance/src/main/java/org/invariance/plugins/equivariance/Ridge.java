package org.invariance.plugins.equivariance;

import java.util.List;
import org.invariance.model.Activations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Ridge regression with an unpenalised intercept from a layer's representation X of images to its
 * representation Y of the same images transformed, fitted on training images and scored on test
 * images, for any ridge strength at the cost of one fit.
 *
 * <p>With Xc, Yc the training matrices centred on their training means mx, my, the fit is
 * W = (Xc'Xc + lambda I)^-1 Xc'Yc = Xc'(XcXc' + lambda I)^-1 Yc and b = my - mx W; a test row x is
 * mapped to (x - mx) W + my. Everything is expressed in the eigenbasis of the reference
 * representation: of the p x p covariance Xc'Xc when p <= n (primal), of the n x n Gram matrix XcXc'
 * when p > n (dual, so an 11,000-neuron layer costs n x n matrices, never p x p). The basis depends on
 * the reference only, so it is computed once per layer; each transform amount then needs only
 * products with its Y, and each lambda O(k) work for its GCV score and O(k^2) for its test error
 * (k = min(n, p)). Both forms give the same numbers up to rounding (RidgeTest).
 *
 * <p>Shapes: X, Y training (n x p), test (m x p); Z = Ytest - my, Xt = Xtest - mx. The prediction
 * of the centred test targets is Phi D Gamma with D = diag(1 / (s_k + lambda)), s the eigenvalues,
 * and (dual, basis U) Phi = Xt Xc' U, Gamma = U'Yc, or (primal, basis V) Phi = Xt V, Gamma = V'Xc'Yc.
 * Then ||Z - Phi D Gamma||^2 = ||Z||^2 - 2 sum_k d_k c_k + d'(P o Q)d with P = Phi'Phi,
 * Q = Gamma Gamma', c_k = (Phi'Z Gamma')_kk.
 */
final class Ridge implements AutoCloseable {
  private final boolean dual;
  private final INDArray xTrain;
  private final INDArray xTest;
  private final INDArray mx;
  private final double[] s;
  private final INDArray basis;
  private final INDArray phi;
  private final INDArray p;
  private final double scale;
  private final int n;

  private Ridge(boolean dual, INDArray xTrain, INDArray xTest, INDArray mx, double[] s, INDArray basis, INDArray phi, INDArray p) {
    this.dual = dual;
    this.xTrain = xTrain;
    this.xTest = xTest;
    this.mx = mx;
    this.s = s;
    this.basis = basis;
    this.phi = phi;
    this.p = p;
    this.n = (int) xTrain.rows();
    double trace = 0;
    for (double v : s) trace += v;
    // n x the mean feature variance: ridge 1 shrinks like noise of the mean variance added to every feature
    this.scale = trace > 0 ? trace / xTrain.columns() : 1;
  }

  /**
   * The basis of one layer's reference representation.
   *
   * @param xTrain the reference representation of the training images (n x p); lent, read again per target
   * @param xTest the same of the test images (m x p)
   * @param dual the n x n form, the p x p one, or null: the dual exactly when p > n
   */
  static Ridge of(INDArray xTrain, INDArray xTest, Boolean dual) {
    if (xTrain.columns() != xTest.columns()) throw new IllegalArgumentException("training and test representations differ in size");
    boolean d = dual != null ? dual : xTrain.columns() > xTrain.rows();
    INDArray mx = Blocks.mean(xTrain);
    if (d) {
      INDArray k = Blocks.cross(xTrain, mx, xTrain, mx, true);
      SymmetricEigen e = SymmetricEigen.of(k);
      Activations.free(k);
      INDArray kt = Blocks.cross(xTest, mx, xTrain, mx, true);
      INDArray phi = Nd4j.gemm(kt, e.vectors(), false, false);
      Activations.free(kt);
      return new Ridge(true, xTrain, xTest, mx, clamp(e.values()), e.vectors(), phi, Nd4j.gemm(phi, phi, true, false));
    }
    INDArray c = Blocks.cross(xTrain, mx, xTrain, mx, false);
    SymmetricEigen e = SymmetricEigen.of(c);
    Activations.free(c);
    INDArray t = Blocks.cross(xTest, mx, xTest, mx, false);
    INDArray tv = Nd4j.gemm(t, e.vectors(), false, false);
    Activations.free(t);
    INDArray pp = Nd4j.gemm(e.vectors(), tv, true, false);
    Activations.free(tv);
    return new Ridge(false, xTrain, xTest, mx, clamp(e.values()), e.vectors(), null, pp);
  }

  boolean dual() {
    return dual;
  }

  /** The absolute ridge lambda of a relative one: {@code relative} x n x the mean feature variance of the training reference. */
  double lambda(double relative) {
    return relative * scale;
  }

  /** The transformed representation's statistics, for scoring any lambda. */
  Target target(INDArray yTrain, INDArray yTest) {
    if (yTrain.rows() != n || yTest.rows() != xTest.rows()) throw new IllegalArgumentException("the transformed images are not the reference images");
    INDArray my = Blocks.mean(yTrain);
    INDArray q;
    double[] c;
    double[] qDiag;
    if (dual) {
      INDArray l = Blocks.cross(yTrain, my, yTrain, my, true);
      INDArray lu = Nd4j.gemm(l, basis, false, false);
      Activations.free(l);
      q = Nd4j.gemm(basis, lu, true, false);
      qDiag = sumAndFree(lu.muli(basis), 0);
      Activations.free(lu);
      INDArray zy = Blocks.cross(yTest, my, yTrain, my, true);
      INDArray zyu = Nd4j.gemm(zy, basis, false, false);
      Activations.free(zy);
      c = sumAndFree(zyu.muli(phi), 0);
      Activations.free(zyu);
    } else {
      INDArray r = Blocks.cross(xTrain, mx, yTrain, my, false);
      INDArray gamma = Nd4j.gemm(basis, r, true, false);
      Activations.free(r);
      q = Nd4j.gemm(gamma, gamma, false, true);
      INDArray sm = Blocks.cross(xTest, mx, yTest, my, false);
      INDArray vs = Nd4j.gemm(basis, sm, true, false);
      Activations.free(sm);
      c = sumAndFree(vs.muli(gamma), 1);
      Activations.free(vs);
      qDiag = sumAndFree(gamma.muli(gamma), 1);
      Activations.free(gamma);
    }
    INDArray pq = q.muli(p);
    double yy = Blocks.sumSq(yTrain, my);
    double zz = Blocks.sumSq(yTest, my);
    INDArray mTest = Blocks.mean(yTest);
    double variance = Blocks.sumSq(yTest, mTest);
    Activations.free(mTest);
    Activations.free(my);
    return new Target(pq, c, qDiag, yy, zz, variance);
  }

  @Override
  public void close() {
    Activations.free(mx);
    Activations.free(basis);
    Activations.free(phi);
    Activations.free(p);
  }

  /** The chosen relative ridge and the test error of the map fitted with it. */
  record Choice(double ridge, double error) {}

  /** One transformed representation against this basis. Owns a k x k matrix: close it. */
  final class Target implements AutoCloseable {
    private final INDArray pq;
    private final double[] c;
    private final double[] qDiag;
    private final double yy;
    private final double zz;
    private final double variance;

    private Target(INDArray pq, double[] c, double[] qDiag, double yy, double zz, double variance) {
      this.pq = pq;
      this.c = c;
      this.qDiag = qDiag;
      this.yy = yy;
      this.zz = zz;
      this.variance = variance;
    }

    /** sum ||ytest - mtest||^2 over test images: the error of predicting every test row by the test mean. */
    double variance() {
      return variance;
    }

    /** sum over test images of ||y - (x - mx) W - my||^2, for the map fitted with {@code lambda}. */
    double residual(double lambda) {
      double[] d = inverse(lambda);
      double cross = 0;
      for (int k = 0; k < d.length; k++) cross += d[k] * c[k];
      INDArray dv = Nd4j.createFromArray(d).reshape(d.length, 1);
      INDArray pqd = pq.mmul(dv);
      double[] v = pqd.toDoubleVector();
      Activations.free(pqd);
      Activations.free(dv);
      double quad = 0;
      for (int k = 0; k < d.length; k++) quad += d[k] * v[k];
      return Math.max(0, zz - 2 * cross + quad);   // rounding alone can take an exact fit below 0
    }

    /** The fraction of test variance the fitted map leaves unexplained: residual / variance (NaN for a constant target). */
    double error(double lambda) {
      return variance > 0 ? residual(lambda) / variance : Double.NaN;
    }

    /** The training residual sum of squares of the fit. */
    double trainingResidual(double lambda) {
      if (dual) {
        // U is a complete basis of the n images: ||Yc - fit||^2 = sum_k (1 - h_k)^2 Q_kk, a sum of
        // non-negative terms, exact even when the fit interpolates (p > n, small lambda)
        double rss = 0;
        for (int k = 0; k < s.length; k++) {
          double g = lambda / (s[k] + lambda);
          rss += g * g * qDiag[k];
        }
        return rss;
      }
      // V spans only the neurons: what no map of X explains stays in ||Yc||^2; Q_kk carries a factor s_k
      double rss = yy;
      for (int k = 0; k < s.length; k++) {
        double d = 1 / (s[k] + lambda);
        rss -= (2 * d - s[k] * d * d) * qDiag[k];
      }
      return Math.max(0, rss);
    }

    /** The trace of the hat matrix (effective number of parameters per output), intercept included. */
    double trace(double lambda) {
      double t = 1;
      for (double v : s) t += v / (v + lambda);
      return t;
    }

    /** Generalised cross-validation (Golub, Heath and Wahba 1979): n RSS / (n - trace)^2. */
    double gcv(double lambda) {
      double free = n - trace(lambda);
      return free > 0 ? n * trainingResidual(lambda) / (free * free) : Double.POSITIVE_INFINITY;
    }

    /** The relative ridge of {@code ridges} with the least GCV (ties: the first), and its test error. */
    Choice best(List<Double> ridges) {
      double best = ridges.get(0);
      double least = Double.POSITIVE_INFINITY;
      for (double r : ridges) {
        double g = gcv(lambda(r));
        if (g < least) {
          least = g;
          best = r;
        }
      }
      return new Choice(best, error(lambda(best)));
    }

    @Override
    public void close() {
      Activations.free(pq);
    }
  }

  private double[] inverse(double lambda) {
    double[] d = new double[s.length];
    for (int k = 0; k < d.length; k++) d[k] = 1 / (s[k] + lambda);
    return d;
  }

  private static double[] clamp(double[] values) {
    for (int i = 0; i < values.length; i++) values[i] = Math.max(0, values[i]);
    return values;
  }

  private static double[] sumAndFree(INDArray a, int dimension) {
    INDArray sum = a.sum(dimension);
    double[] v = sum.toDoubleVector();
    Activations.free(sum);
    return v;
  }
}
