package org.invariance.plugins.dl4j;

import org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Convolutions and pooling through oneDNN. Deeplearning4j 1.0.0-M2.1 runs its own Java im2col path
 * (about two thirds of a training step here) unless two things hold, and as shipped neither does:
 * <ol>
 *   <li>the system property {@code org.eclipse.deeplearning4j.helpers.disable} is {@code false}
 *       (its default is {@code true}): {@link #enable} sets it before a network is built or read;
 *   <li>{@code BaseMKLDNNHelper.mklDnnEnabled()} finds {@code org.nd4j.nativeblas.Nd4jCpu$Environment},
 *       a class that moved: this plugin ships a class of that name ({@link org.nd4j.nativeblas.Nd4jCpu})
 *       that answers with {@link #inLibrary}.
 * </ol>
 * The loaded ND4J library must be a build with oneDNN: this plugin depends on
 * {@code nd4j-native:linux-x86_64-onednn}, which JavaCPP prefers to the plain build beside it (the
 * launcher names it; oneDNN picks AVX-512 kernels at run time). Layers stay NCHW: with NHWC, oneDNN's
 * gradients were wrong. Doubles never use the helper (Deeplearning4j refuses them).
 */
public final class OneDnn {
  /** Deeplearning4j's switch; helpers are created only when it reads {@code false}. */
  static final String HELPERS_DISABLE = "org.eclipse.deeplearning4j.helpers.disable";

  private static volatile Boolean inLibrary;

  private OneDnn() {}

  /** Lets Deeplearning4j attach its oneDNN helpers to the layers of networks built or read from now on. */
  public static void enable() {
    System.setProperty(HELPERS_DISABLE, "false");
  }

  /** Whether the loaded ND4J library was built with oneDNN and has it switched on. */
  public static boolean inLibrary() {
    Boolean b = inLibrary;
    if (b == null) {
      Nd4j.getExecutioner(); // loads the backend: NativeOpsHolder needs it
      String build = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
      inLibrary = b = build != null && build.contains("HAVE_ONEDNN");
    }
    return b && Nd4jCpu.Environment.getInstance().isUseONEDNN();
  }

  /** One line for logs and the bench: the library's oneDNN state. */
  public static String describe() {
    return (inLibrary() ? "oneDNN on" : "oneDNN off") + " (ND4J library: " + library() + ")";
  }

  private static String library() {
    String ext = System.getProperty("org.bytedeco.javacpp.platform.extension");
    return "linux-x86_64" + (ext == null ? " (JavaCPP's choice)" : ext);
  }
}
