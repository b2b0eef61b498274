package org.taskmet.core.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * Row parallelism changes the time of a product, never its bits: gemms split over 2, 3 and 7 threads (row blocks
 * starting at odd and even rows, every transpose combination, both kernels) and an MLP's products at the RL agent's
 * widths give exactly what one thread gives.
 */
class RowParallelismTest {
  private static final DenseKernels[] KERNELS = {new PanamaKernels(), new ScalarKernels()};

  @Test
  void gemmRowBlocksGiveTheBitsOfOneThread() {
    SplittableRandom rng = new SplittableRandom(10);
    int[][] shapes = {{101, 120, 200}, {64, 70, 450}};
    for (DenseKernels kernels : KERNELS) {
      for (int[] s : shapes) {
        int m = s[0];
        int n = s[1];
        int k = s[2];
        assertThat(2L * m * n * k).isGreaterThanOrEqualTo(RowParallelism.MIN_FLOPS);
        for (boolean ta : new boolean[] {false, true}) {
          for (boolean tb : new boolean[] {false, true}) {
            double[] a = PanamaKernelsTest.random(rng, m * k);
            double[] b = PanamaKernelsTest.random(rng, k * n);
            double[] c0 = PanamaKernelsTest.random(rng, m * n);
            for (double beta : new double[] {0, 0.5}) {
              double[] one = c0.clone();
              kernels.gemm(ta, tb, m, n, k, 1.5, a, b, beta, one);
              for (int threads : new int[] {2, 3, 7}) {
                double[] split = c0.clone();
                RowParallelism.withThreads(threads, () -> {
                  kernels.gemm(ta, tb, m, n, k, 1.5, a, b, beta, split);
                  return null;
                });
                PanamaKernelsTest.assertSameBits(split, one, String.format("%s %dx%dx%d transA=%s transB=%s "
                    + "beta=%s on %d threads", kernels.name(), m, n, k, ta, tb, beta, threads));
              }
            }
          }
        }
      }
    }
  }

  @Test
  void onlyLargeProductsSplitAndOnlyInsideABudget() {
    assertThat(RowParallelism.threads()).isEqualTo(1);
    assertThat(RowParallelism.parts(101, 120, 200)).isEqualTo(1);
    RowParallelism.withThreads(3, () -> {
      assertThat(RowParallelism.threads()).isEqualTo(3);
      assertThat(RowParallelism.parts(101, 120, 200)).isEqualTo(3);
      assertThat(RowParallelism.parts(256, 32, 68)).as("an RL layer at d = 68: 1.1 MFLOP").isEqualTo(1);
      assertThat(RowParallelism.parts(12, 1000, 1000)).as("too few rows for two blocks").isEqualTo(1);
      assertThat(RowParallelism.parts(16, 1000, 1000)).as("at most m / MIN_ROWS blocks").isEqualTo(2);
      RowParallelism.withThreads(1, () -> assertThat(RowParallelism.parts(101, 120, 200)).isEqualTo(1));
      assertThat(RowParallelism.threads()).as("restored after the inner budget").isEqualTo(3);
      return null;
    });
    assertThat(RowParallelism.threads()).isEqualTo(1);
  }

  @Test
  void blocksRunOnOtherThreadsAndCoverEveryRowOnce() {
    Set<String> threads = ConcurrentHashMap.newKeySet();
    int[] covered = new int[100];
    CountDownLatch allRunning = new CountDownLatch(3);
    RowParallelism.split(100, 3, (from, to) -> {
      threads.add(Thread.currentThread().getName());
      allRunning.countDown();
      try {
        // true only once all three blocks run at the same time, each on its own thread
        assertThat(allRunning.await(30, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      for (int i = from; i < to; i++) {
        covered[i]++;
      }
    });
    assertThat(threads).hasSize(3).contains(Thread.currentThread().getName());
    assertThat(covered).containsOnly(1);
  }

  @Test
  void aFailingBlockIsRethrownOnceEveryBlockFinished() {
    int[] finished = new int[1];
    assertThatThrownBy(() -> RowParallelism.split(90, 3, (from, to) -> {
      if (from > 0 && from < 60) {
        throw new IllegalStateException("block " + from + " failed");
      }
      synchronized (finished) {
        finished[0]++;
      }
    })).isInstanceOf(IllegalStateException.class).hasMessage("block 30 failed");
    assertThat(finished[0]).isEqualTo(2);
  }

  @Test
  void rejectsABudgetBelowOneThread() {
    assertThatThrownBy(() -> RowParallelism.withThreads(0, () -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one thread, got 0");
  }

  /** The RL agent's network at d = 516 (its gemms are above the threshold): forward, VJP and R-operator. */
  @Test
  void mlpProductsGiveTheBitsOfOneThread() {
    SplittableRandom rng = new SplittableRandom(11);
    Sequential mlp = Sequential.mlp(516, 516, 2, 32, Activation.RELU, Activation.IDENTITY,
        Initialization.pytorchDefault());
    double[] theta = mlp.initialParameters(rng);
    double[] u = PanamaKernelsTest.random(rng, theta.length);
    Matrix x = new Matrix(256, 516, PanamaKernelsTest.random(rng, 256 * 516));
    Matrix g = new Matrix(256, 516, PanamaKernelsTest.random(rng, 256 * 516));
    double[][] one = products(mlp, theta, u, x, g);
    double[][] split = RowParallelism.withThreads(2, () -> products(mlp, theta, u, x, g));
    for (int i = 0; i < one.length; i++) {
      PanamaKernelsTest.assertSameBits(split[i], one[i], "product " + i + " of the 516-32-32-516 MLP on 2 threads");
    }
  }

  private static double[][] products(Sequential mlp, double[] theta, double[] u, Matrix x, Matrix g) {
    Sequential.Pass pass = mlp.forward(theta, x);
    return new double[][] {pass.output().data().clone(), mlp.vjp(pass, g), mlp.vjpTangent(pass, u, g, g),
        mlp.jvp(pass, u).data()};
  }
}
