package org.taskmet.core.metric;

/**
 * The algebra of Λ = L Lᵀ + e^c I for an n×n factor L (not triangular, unconstrained), shared by the
 * global full metric and TaskMet's per-sample network. Blocks are row-major n×n at an offset.
 */
final class FactorPlusIdentity {
  private FactorPlusIdentity() {}

  /** out[o..] = L Lᵀ + e^c I. */
  static void materialize(int n, double[] l, int lOff, double expC, double[] out, int oOff) {
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = AbstractMetric.K.dot(l, lOff + i * n, l, lOff + j * n, n);
        if (i == j) {
          s += expC;
        }
        out[oOff + i * n + j] = s;
        out[oOff + j * n + i] = s;
      }
    }
  }

  /**
   * g[gOff..] += w (a bᵀ + b aᵀ) L: the gradient of w·aᵀ(L Lᵀ)b in L. {@code work} holds 2n values.
   */
  static void accumulateFactorGradient(int n, double[] l, int lOff, double[] a, int aOff, double[] b, int bOff,
      double w, double[] g, int gOff, double[] work) {
    // u = Lᵀ b, t = Lᵀ a
    AbstractMetric.K.gemvTransposed(n, n, 1.0, l, lOff, b, bOff, 0.0, work, 0);
    AbstractMetric.K.gemvTransposed(n, n, 1.0, l, lOff, a, aOff, 0.0, work, n);
    for (int i = 0; i < n; i++) {
      double ai = w * a[aOff + i];
      double bi = w * b[bOff + i];
      int row = gOff + i * n;
      for (int j = 0; j < n; j++) {
        g[row + j] += ai * work[j] + bi * work[n + j];
      }
    }
  }

  /**
   * out[o..] = (L̇ Lᵀ + L L̇ᵀ) v + e^c ċ v for one row. {@code work} holds 2n values.
   */
  static void applyTangent(int n, double[] l, int lOff, double[] lDot, int dOff, double expC, double cDot,
      double[] v, int vOff, double[] out, int oOff, double[] work) {
    AbstractMetric.K.gemvTransposed(n, n, 1.0, l, lOff, v, vOff, 0.0, work, 0); // Lᵀ v
    AbstractMetric.K.gemvTransposed(n, n, 1.0, lDot, dOff, v, vOff, 0.0, work, n); // L̇ᵀ v
    AbstractMetric.K.gemv(n, n, 1.0, lDot, dOff, work, 0, 0.0, out, oOff);
    AbstractMetric.K.gemv(n, n, 1.0, l, lOff, work, n, 1.0, out, oOff);
    AbstractMetric.K.axpy(expC * cDot, v, vOff, out, oOff, n);
  }
}
