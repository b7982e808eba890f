package org.invariance.plugins.equivariance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SymmetricEigenTest {
  @Test
  void recoversAMatrixBuiltFromKnownEigenvaluesInARotatedBasis() {
    // Q = rotation by 0.6 in the (0,1) plane and by 1.1 in the (2,3) plane; m = Q diag(-1, 0, 2, 5) Q'
    double c1 = Math.cos(0.6), s1 = Math.sin(0.6), c2 = Math.cos(1.1), s2 = Math.sin(1.1);
    INDArray q = Nd4j.create(new double[][] {{c1, -s1, 0, 0}, {s1, c1, 0, 0}, {0, 0, c2, -s2}, {0, 0, s2, c2}});
    INDArray m = q.mmul(Nd4j.diag(Nd4j.createFromArray(-1.0, 0.0, 2.0, 5.0))).mmul(q.transpose());
    SymmetricEigen e = SymmetricEigen.of(m);
    assertArrayEquals(new double[] {-1, 0, 2, 5}, e.values(), 1e-12, "ascending");
    for (int k = 0; k < 4; k++) {
      INDArray v = e.vectors().getColumn(k).reshape(4, 1);
      assertTrue(m.mmul(v).equalsWithEps(v.mul(e.values()[k]), 1e-12), "m v = lambda v for eigenvalue " + e.values()[k]);
      assertEquals(1.0, v.norm2Number().doubleValue(), 1e-12, "unit eigenvectors");
    }
    assertTrue(e.reconstructionError(m) < 1e-13);
  }

  @Test
  void aRankDeficientGramMatrixLikeALayerWithDeadUnits() {
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 400, 120);
    for (int j = 0; j < 40; j++) x.getColumn(j).assign(0);
    INDArray gram = x.transpose().mmul(x);
    SymmetricEigen e = SymmetricEigen.of(gram);
    assertTrue(e.reconstructionError(gram) < 1e-13, "error " + e.reconstructionError(gram));
    long zeros = Arrays.stream(e.values()).filter(v -> Math.abs(v) < 1e-10 * e.values()[119]).count();
    assertEquals(40, zeros, "one zero eigenvalue per dead unit");
  }

  /**
   * Why the solver is not LAPACK through ND4J: with SkylakeX kernels, the bundled OpenBLAS's
   * double-precision LAPACK gets this same matrix wrong. The solver gives the same answer whatever
   * kernel the process runs (checked in a child JVM with each kernel this CPU supports).
   */
  @Test
  void theSameAnswerWithEveryKernelThisCpuRuns() throws Exception {
    String flags = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("flags")).findFirst().orElse("") + " ";
    List<String> kernels = new ArrayList<>(List.of("Nehalem"));
    if (flags.contains(" avx2 ")) kernels.add("Haswell");
    if (flags.contains(" avx512f ") && flags.contains(" avx512bw ") && flags.contains(" avx512vl ") && flags.contains(" avx512dq ")) kernels.add("SkylakeX");
    for (String kernel : kernels) {
      ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
          RankDeficient.class.getName()).redirectErrorStream(true);
      pb.environment().put("OPENBLAS_CORETYPE", kernel);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      assertEquals(0, p.waitFor(), kernel + ": " + out.lines().filter(l -> l.startsWith("error")).toList());
    }
  }

  /** Decomposes a rank-deficient Gram matrix under the kernel it was started with; exit 0 when it reconstructs it. */
  public static final class RankDeficient {
    public static void main(String[] args) {
      Nd4j.getRandom().setSeed(9);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 600, 300);
      for (int j = 0; j < 100; j++) x.getColumn(j).assign(0);
      INDArray gram = x.transpose().mmul(x);
      double err = SymmetricEigen.of(gram).reconstructionError(gram);
      System.out.println("error " + err);
      System.exit(err < 1e-10 ? 0 : 3);
    }
  }
}
