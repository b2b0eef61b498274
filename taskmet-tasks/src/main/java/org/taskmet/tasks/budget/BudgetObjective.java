package org.taskmet.tasks.budget;

/**
 * The budget-allocation objective (taskmet.md §2.3), maximized:
 * obj(z, Y) = Σ_j (1 − Π_i (1 − z_i·Y_ij)), the expected number of users j reached when channel i gets
 * budget share z_i and reaches user j with probability Y_ij.
 *
 * <p>Y is channels × users, row-major; z has one entry per channel. The products over the other
 * channels are formed directly (no division), so z_i·Y_ij = 1 is handled exactly. All derivatives are
 * closed forms and are checked against central differences in the tests.
 */
public final class BudgetObjective {
  private BudgetObjective() {}

  /** obj(z, Y). */
  public static double value(double[] z, double[] y, int channels, int users) {
    double s = 0;
    for (int j = 0; j < users; j++) {
      double miss = 1;
      for (int i = 0; i < channels; i++) {
        miss *= 1 - z[i] * y[i * users + j];
      }
      s += 1 - miss;
    }
    return s;
  }

  /** ∂obj/∂z_i = Σ_j Y_ij·Π_{l≠i}(1 − z_l·Y_lj); written into {@code out} (length channels). */
  public static void gradient(double[] z, double[] y, int channels, int users, double[] out) {
    for (int i = 0; i < channels; i++) {
      double g = 0;
      for (int j = 0; j < users; j++) {
        g += y[i * users + j] * missExcept(z, y, channels, users, j, i, -1);
      }
      out[i] = g;
    }
  }

  /**
   * ∂²obj/∂z_i∂z_k = −Σ_j Y_ij·Y_kj·Π_{l≠i,k}(1 − z_l·Y_lj) for i ≠ k, 0 on the diagonal; written
   * row-major into {@code out} (channels × channels).
   */
  public static void hessian(double[] z, double[] y, int channels, int users, double[] out) {
    for (int i = 0; i < channels; i++) {
      out[i * channels + i] = 0;
      for (int k = i + 1; k < channels; k++) {
        double h = 0;
        for (int j = 0; j < users; j++) {
          h -= y[i * users + j] * y[k * users + j] * missExcept(z, y, channels, users, j, i, k);
        }
        out[i * channels + k] = h;
        out[k * channels + i] = h;
      }
    }
  }

  /**
   * ∂²obj/∂z_i∂Y_mj, written row-major into {@code out} (channels × (channels·users)), column index
   * m·users + j: Π_{l≠i}(1 − z_l·Y_lj) when m = i, else −Y_ij·z_m·Π_{l≠i,m}(1 − z_l·Y_lj).
   */
  public static void mixedHessian(double[] z, double[] y, int channels, int users, double[] out) {
    int cols = channels * users;
    for (int i = 0; i < channels; i++) {
      for (int m = 0; m < channels; m++) {
        for (int j = 0; j < users; j++) {
          double v = m == i
              ? missExcept(z, y, channels, users, j, i, -1)
              : -y[i * users + j] * z[m] * missExcept(z, y, channels, users, j, i, m);
          out[i * cols + m * users + j] = v;
        }
      }
    }
  }

  /** Π_{l ∉ {skipA, skipB}} (1 − z_l·Y_lj) for user j. */
  private static double missExcept(double[] z, double[] y, int channels, int users, int j, int skipA, int skipB) {
    double p = 1;
    for (int l = 0; l < channels; l++) {
      if (l != skipA && l != skipB) {
        p *= 1 - z[l] * y[l * users + j];
      }
    }
    return p;
  }
}
