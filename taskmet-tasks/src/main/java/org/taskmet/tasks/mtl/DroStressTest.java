package org.taskmet.tasks.mtl;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taskmet.api.Matrix;

/**
 * The synthetic DRO stress test of mtl.md §4.4 (a proposed benchmark, not from a paper): linear
 * multi-task regression with a redundant easy cluster, a minority direction, a capacity conflict, a
 * low-resource task and an unlearnable task. x ~ N(0, I_d); y_k = w_kᵀx + σ_k ξ.
 *
 * <table>
 *   <caption>tasks (1-based as in the reference; index k−1 in the arrays)</caption>
 *   <tr><th>k</th><th>role</th><th>w_k</th><th>n_train</th><th>σ_k</th></tr>
 *   <tr><td>1–6</td><td>redundant easy</td><td>u1 + 0.1 z_k</td><td>2000</td><td>0.1</td></tr>
 *   <tr><td>7</td><td>minority direction</td><td>u2</td><td>2000</td><td>0.1</td></tr>
 *   <tr><td>8</td><td>third direction (rank-2 conflict)</td><td>u3</td><td>2000</td><td>0.1</td></tr>
 *   <tr><td>9</td><td>low-resource</td><td>u2 + 0.1 z_9</td><td>30</td><td>0.5</td></tr>
 *   <tr><td>10</td><td>unlearnable</td><td>y ~ N(0, 1) independent of x</td><td>2000</td><td>Bayes MSE 1</td></tr>
 * </table>
 * u1, u2, u3 are Gram–Schmidt orthonormalised N(0, I_d) draws; z_k ~ N(0, I_d/d). Draw order, all from
 * {@code new SplittableRandom(seed)}: the three u draws, z_1..z_10 (z_7, z_8, z_10 drawn and unused so the
 * task order fixes the stream), then for each task its training rows (x then ξ per row) and its test rows.
 */
public final class DroStressTest {
  /** The data of one task. */
  public record TaskData(String role, double noiseVariance, Matrix trainX, Matrix trainY, Matrix testX,
      Matrix testY) {}

  private DroStressTest() {}

  public static final int DIMENSION = 20;
  public static final int TASKS = 10;

  /** The role names of the ten tasks, index k−1. */
  public static String role(int index) {
    if (index < 6) {
      return "easy-" + (index + 1);
    }
    return switch (index) {
      case 6 -> "minority";
      case 7 -> "conflict";
      case 8 -> "low-resource";
      case 9 -> "unlearnable";
      default -> throw new IllegalArgumentException("task index " + index + "; expected 0.." + (TASKS - 1));
    };
  }

  /** The reference sizes: 2000 training rows (30 for task 9), 5000 test rows per task. */
  public static List<TaskData> generate(long seed) {
    return generate(seed, 2000, 30, 5000);
  }

  /**
   * @param trainRows training rows of every task but the low-resource one
   * @param lowResourceRows training rows of task 9
   * @param testRows test rows per task
   */
  public static List<TaskData> generate(long seed, int trainRows, int lowResourceRows, int testRows) {
    if (trainRows < 1 || lowResourceRows < 1 || testRows < 1) {
      throw new IllegalArgumentException("stress test sizes must be >= 1, got trainRows=" + trainRows
          + " lowResourceRows=" + lowResourceRows + " testRows=" + testRows);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int d = DIMENSION;
    double[][] u = new double[3][];
    for (int i = 0; i < 3; i++) {
      u[i] = gaussianVector(rng, d, 1.0);
      for (int j = 0; j < i; j++) {
        double proj = dot(u[i], u[j]);
        for (int c = 0; c < d; c++) {
          u[i][c] -= proj * u[j][c];
        }
      }
      double n = Math.sqrt(dot(u[i], u[i]));
      for (int c = 0; c < d; c++) {
        u[i][c] /= n;
      }
    }
    double[][] z = new double[TASKS][];
    for (int k = 0; k < TASKS; k++) {
      z[k] = gaussianVector(rng, d, 1 / Math.sqrt(d));
    }
    List<TaskData> tasks = new ArrayList<>();
    for (int k = 0; k < TASKS; k++) {
      double[] w;
      double sigma;
      if (k < 6) {
        w = plus(u[0], z[k], 0.1);
        sigma = 0.1;
      } else if (k == 6) {
        w = u[1];
        sigma = 0.1;
      } else if (k == 7) {
        w = u[2];
        sigma = 0.1;
      } else if (k == 8) {
        w = plus(u[1], z[k], 0.1);
        sigma = 0.5;
      } else {
        w = null; // unlearnable: y ~ N(0, 1) independent of x
        sigma = 1.0;
      }
      int n = k == 8 ? lowResourceRows : trainRows;
      Matrix[] train = sample(rng, n, w, sigma);
      Matrix[] test = sample(rng, testRows, w, sigma);
      tasks.add(new TaskData(role(k), sigma * sigma, train[0], train[1], test[0], test[1]));
    }
    return tasks;
  }

  private static Matrix[] sample(SplittableRandom rng, int n, double[] w, double sigma) {
    int d = DIMENSION;
    double[] x = new double[n * d];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < d; c++) {
        x[i * d + c] = rng.nextGaussian();
      }
      double noise = rng.nextGaussian();
      if (w == null) {
        y[i] = noise;
      } else {
        double s = 0;
        for (int c = 0; c < d; c++) {
          s += w[c] * x[i * d + c];
        }
        y[i] = s + sigma * noise;
      }
    }
    return new Matrix[] {new Matrix(n, d, x), new Matrix(n, 1, y)};
  }

  private static double[] gaussianVector(SplittableRandom rng, int d, double std) {
    double[] v = new double[d];
    for (int i = 0; i < d; i++) {
      v[i] = std * rng.nextGaussian();
    }
    return v;
  }

  private static double[] plus(double[] a, double[] b, double scale) {
    double[] out = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] + scale * b[i];
    }
    return out;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
