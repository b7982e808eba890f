package org.nd4j.nativeblas;

import org.invariance.plugins.dl4j.OneDnn;

/**
 * The dl4j plugin's one workaround for Deeplearning4j 1.0.0-M2.1 (see {@link OneDnn}): that
 * release's {@code BaseMKLDNNHelper.mklDnnEnabled()} asks, by reflection, for
 * {@code org.nd4j.nativeblas.Nd4jCpu$Environment.getInstance().isUseMKLDNN()}, a class that moved to
 * {@code org.nd4j.linalg.cpu.nativecpu.bindings} and lost that method; not finding it, Deeplearning4j
 * drops the oneDNN helper of every convolution and pooling layer. This class answers under the old
 * name with the real environment's answer. Nothing else uses it; delete it once Deeplearning4j looks
 * in the right place ({@code Dl4jOneDnnTest} then still passes, and fails if the helper goes).
 */
public final class Nd4jCpu {
  private Nd4jCpu() {}

  /** The old name of ND4J's native environment, as far as Deeplearning4j asks it. */
  public static final class Environment {
    private static final Environment INSTANCE = new Environment();

    private Environment() {}

    public static Environment getInstance() {
      return INSTANCE;
    }

    /** Whether the loaded ND4J library has oneDNN and uses it. */
    public boolean isUseMKLDNN() {
      return OneDnn.inLibrary();
    }
  }
}
