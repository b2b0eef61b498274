package org.taskmet.jmh;

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
   * "scalar" or "simd", JIT-warmed by {@link #warmUp}; simd instantiates PanamaKernels itself (not
   * Kernels.get()) so a missing --add-modules fails loudly instead of benchmarking the scalar kernels twice.
   */
  static DenseKernels kernels(String impl) {
    switch (impl) {
      case "scalar":
        return warmUp(new ScalarKernels());
      case "simd":
        try {
          return warmUp((DenseKernels) Class.forName("org.taskmet.core.linalg.PanamaKernels")
              .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError e) {
          throw new IllegalStateException("SIMD kernels unavailable: run the forks with "
              + "-jvmArgsPrepend --add-modules=jdk.incubator.vector (" + e + ")", e);
        }
      default:
        throw new IllegalArgumentException("impl must be scalar or simd, got " + impl);
    }
  }

  /**
   * Calls every kernel {@value #WARM_UP_CALLS} times on small odd-sized operands (every loop and tail taken)
   * so C2 compiles the whole methods before measuring. Without it, a benchmark that calls a kernel only a few
   * times per second on a large operand (MEM sizes, CG at n = 4000) stays below C2's invocation threshold for
   * its whole short warm-up and measures only loop-OSR code, where Vector API values are boxed on the heap.
   */
  static DenseKernels warmUp(DenseKernels k) {
    int n = 67;
    int m = 9;
    double[] x = random(11, n);
    double[] y = random(12, n);
    double[] a = random(13, n * n);
    double[] b = random(14, n * n);
    double[] c = new double[n * n];
    double[] out = new double[n];
    double sink = 0;
    for (int r = 0; r < WARM_UP_CALLS; r++) {
      double sign = (r & 1) == 0 ? 1e-3 : -1e-3;
      sink += k.dot(x, 0, y, 0, n) + k.norm2(x, 1, n - 1);
      k.axpy(sign, x, 0, y, 0, n);
      k.scale(1.0 + sign, y, 0, n);
      k.gemv(m, n, 1.0, a, 0, x, 0, 0.0, out, 0);
      k.gemvTransposed(m, n, 1.0, a, 0, out, 0, 0.5, y, 0);
      k.rank1Update(m, n, sign, out, 0, x, 0, b, 0);
      k.gemm((r & 1) == 1, (r & 2) == 2, m, 19, 13, 1.0, a, b, 0.0, c);
      k.gemm(false, false, 5, 2 * 4 + 3, 300, 1.0, a, b, 1.0, c); // deeper than one k-block
      k.rowSquaredNorms(m, 10, a, out);
      k.rowQuadraticForms(m, 6, b, a, out);
    }
    if (!Double.isFinite(sink)) {
      throw new IllegalStateException("kernel warm-up produced " + sink);
    }
    return k;
  }

  static final int WARM_UP_CALLS = 6000;

  static double[] random(long seed, int n) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = rng.nextDouble(-1, 1);
    }
    return v;
  }
}
