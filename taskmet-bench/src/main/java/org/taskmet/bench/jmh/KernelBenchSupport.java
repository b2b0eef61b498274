package org.taskmet.bench.jmh;

import java.util.SplittableRandom;
import org.taskmet.core.linalg.DenseKernels;
import org.taskmet.core.linalg.ScalarKernels;

/** Shared set-up of the kernel, CG and roofline benchmarks: working-set sizes, kernels by name, seeded data. */
final class KernelBenchSupport {
  private KernelBenchSupport() {}

  /**
   * Vector length per cache level on this machine (L1d 32 KiB, L2 1 MiB per core, L3 33 MiB shared): two
   * operands of 1 Ki doubles = 16 KiB, of 32 Ki doubles = 512 KiB, of 4 Mi doubles = 64 MiB.
   */
  static int vectorLength(String level) {
    return switch (level) {
      case "L1" -> 1 << 10;
      case "L2" -> 1 << 15;
      case "MEM" -> 1 << 22;
      default -> throw new IllegalArgumentException("level must be L1, L2 or MEM, got " + level);
    };
  }

  /** Square matrix side per cache level: 40² doubles = 12.5 KiB, 256² = 512 KiB, 3000² = 69 MiB. */
  static int matrixSide(String level) {
    return switch (level) {
      case "L1" -> 40;
      case "L2" -> 256;
      case "MEM" -> 3000;
      default -> throw new IllegalArgumentException("level must be L1, L2 or MEM, got " + level);
    };
  }

  /**
   * "scalar" or "simd"; simd instantiates PanamaKernels itself (not Kernels.get()) so a missing
   * --add-modules fails loudly instead of silently benchmarking the scalar kernels twice.
   */
  static DenseKernels kernels(String impl) {
    switch (impl) {
      case "scalar":
        return new ScalarKernels();
      case "simd":
        try {
          return (DenseKernels) Class.forName("org.taskmet.core.linalg.PanamaKernels").getDeclaredConstructor()
              .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
          throw new IllegalStateException("SIMD kernels unavailable: run the forks with "
              + "-jvmArgsPrepend --add-modules=jdk.incubator.vector (" + e + ")", e);
        }
      default:
        throw new IllegalArgumentException("impl must be scalar or simd, got " + impl);
    }
  }

  static double[] random(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-1, 1);
    }
    return v;
  }
}
