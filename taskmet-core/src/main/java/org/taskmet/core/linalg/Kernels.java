package org.taskmet.core.linalg;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link DenseKernels} once per JVM: the Vector API kernels when {@code jdk.incubator.vector}
 * is readable (the JVM was started with {@code --add-modules jdk.incubator.vector}) and the optimizing JIT
 * (C2) is available to compile them, the scalar ones otherwise (interpreted or C1-only Vector API code is
 * far slower than scalar loops). Logs one line saying which. Set {@code -Dtaskmet.kernels=scalar} to force
 * the scalar ones, and {@code -Dtaskmet.kernels.record=true} to count every call by shape
 * ({@link RecordingKernels}, for profiles only).
 */
public final class Kernels {
  private static final Logger LOG = LoggerFactory.getLogger(Kernels.class);
  private static final DenseKernels INSTANCE = recordIfAsked(choose());

  private Kernels() {}

  /** The kernels every taskmet component uses. */
  public static DenseKernels get() {
    return INSTANCE;
  }

  /** The scalar reference kernels (for tests and benchmarks that compare both). */
  public static DenseKernels scalar() {
    return new ScalarKernels();
  }

  private static DenseKernels recordIfAsked(DenseKernels kernels) {
    if (!Boolean.getBoolean("taskmet.kernels.record")) {
      return kernels;
    }
    LOG.info("taskmet kernels: counting every call by shape (-Dtaskmet.kernels.record=true)");
    return new RecordingKernels(kernels);
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
    String noC2 = optimizingCompilerMissing();
    if (noC2 != null) {
      LOG.info("taskmet kernels: scalar (the Vector API needs the C2 JIT, but {})", noC2);
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

  /** Why C2 cannot compile the Vector API code (-Xint, -XX:TieredStopAtLevel below 4), or null if it can. */
  private static String optimizingCompilerMissing() {
    try {
      HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
      if ("false".equals(vm.getVMOption("UseCompiler").getValue())) {
        return "the JIT is disabled (-Xint)";
      }
      boolean tiered = "true".equals(vm.getVMOption("TieredCompilation").getValue());
      if (tiered && Integer.parseInt(vm.getVMOption("TieredStopAtLevel").getValue()) < 4) {
        return "tiered compilation stops at C1 (-XX:TieredStopAtLevel < 4)";
      }
      return null;
    } catch (RuntimeException | LinkageError e) {
      return null; // not HotSpot or no jdk.management: assume a capable JIT, as Lucene does
    }
  }
}
