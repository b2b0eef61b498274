package org.taskmet.core.linalg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link DenseKernels} once per JVM: the Vector API kernels when {@code jdk.incubator.vector}
 * is readable (the JVM was started with {@code --add-modules jdk.incubator.vector}), the scalar ones
 * otherwise. Logs one line saying which. Set {@code -Dtaskmet.kernels=scalar} to force the scalar ones.
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static final DenseKernels INSTANCE = choose();

  private Kernels() {}

  /** The kernels every taskmet component uses. */
  public static DenseKernels get() {
    return INSTANCE;
  }

  /** The scalar reference kernels (for tests and benchmarks that compare both). */
  public static DenseKernels scalar() {
    return new ScalarKernels();
  }

  private static DenseKernels choose() {
    if ("scalar".equals(System.getProperty("taskmet.kernels"))) {
      LOG.info("taskmet kernels: scalar (forced by -Dtaskmet.kernels=scalar)");
      return new ScalarKernels();
    }
    if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
      LOG.info("taskmet kernels: scalar (jdk.incubator.vector is not readable; start the JVM with "
          + "--add-modules jdk.incubator.vector for the SIMD kernels)");
      return new ScalarKernels();
    }
    try {
      // loaded reflectively so this class never links against the incubator module when it is absent
      DenseKernels simd = (DenseKernels) Class.forName("org.taskmet.core.linalg.PanamaKernels")
          .getDeclaredConstructor().newInstance();
      LOG.info("taskmet kernels: {} (Vector API)", simd.name());
      return simd;
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.info("taskmet kernels: scalar (Vector API kernels unavailable: {})", e.toString());
      return new ScalarKernels();
    }
  }
}
