package org.invariance.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.invariance.nn.Fused;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The thread and kernel settings of this process, decided once by the launcher (environment) and
 * by {@link Runner} (Vert.x pools): logged at start and recorded in provenance.
 */
public final class Platform {
  /** Vert.x event loops: the bus only routes references, one is plenty. */
  public static final int EVENT_LOOPS = 1;
  /** Vert.x workers: result files and the like. */
  public static final int WORKERS = 2;

  private Platform() {}

  public static Map<String, String> settings() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("OMP_NUM_THREADS", String.valueOf(System.getenv("OMP_NUM_THREADS")));
    m.put("OMP_WAIT_POLICY", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
    m.put("OPENBLAS_CORETYPE", String.valueOf(System.getenv("OPENBLAS_CORETYPE")));
    m.put("blas_kernel_check", String.valueOf(System.getenv("INVARIANCE_BLAS_CHECK")));
    // ND4J's native build, as the launcher named it to JavaCPP (plain, or with oneDNN for any x86-64 or for AVX-512)
    String ext = System.getProperty("org.bytedeco.javacpp.platform.extension");
    m.put("nd4j_build", ext == null ? "JavaCPP's choice" : ext.isEmpty() ? "plain" : ext.substring(ext.startsWith("-") ? 1 : 0));
    try {
      m.put("nd4j_max_threads", Integer.toString(Nd4j.getEnvironment().maxThreads()));
      m.put("nd4j_master_threads", Integer.toString(Nd4j.getEnvironment().maxMasterThreads()));
    } catch (RuntimeException | LinkageError e) {
      m.put("nd4j_max_threads", "unknown");
    }
    m.put("fused_threads", Integer.toString(Fused.threads()) + " (element-wise passes, between matrix products)");
    m.put("vertx_event_loops", Integer.toString(EVENT_LOOPS));
    m.put("vertx_workers", Integer.toString(WORKERS));
    m.put("compute_pool", "1 (each task uses every core through BLAS)");
    return m;
  }

  public static String describe() {
    StringBuilder b = new StringBuilder();
    settings().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append('=').append(v));
    return b.toString();
  }
}
