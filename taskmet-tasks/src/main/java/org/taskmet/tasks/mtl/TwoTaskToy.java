package org.taskmet.tasks.mtl;

/**
 * The 2-task toy of CAGrad and Nash-MTL (mtl.md §4.1) on x = (x1, x2), with exact gradients:
 * <pre>
 *   f1a = log(max(|0.5(−x1−7) − tanh(−x2)|, 5e-6)) + 6     f2a = log(max(|0.5(−x1+3) + tanh(−x2) + 2|, 5e-6)) + 6
 *   c1  = max(tanh(0.5 x2), 0)                               c2  = max(tanh(−0.5 x2), 0)
 *   f1s = ((−x1+7)² + 0.1(−x2−8)²)/10 − 20                   f2s = ((−x1−7)² + 0.1(−x2−8)²)/10 − 20
 *   L1  = s·(f1a·c1 + f1s·c2)                                L2  = f2a·c1 + f2s·c2
 * </pre>
 * s = 1 in CAGrad, 0.1 in Nash-MTL (an imbalance test). The Pareto set is close to the segment
 * x2 ≈ −8.36, x1 ∈ [−7, 7]; the average-loss optimum is near (0, −8.3551).
 */
public final class TwoTaskToy {
  /** The clamp of the log terms (the reference LOWER). */
  public static final double LOWER = 5e-6;
  /** CAGrad's starting points. */
  public static final double[][] CAGRAD_STARTS = {{-8.5, 7.5}, {-8.5, -5}, {9, 9}};
  /** Nash-MTL's starting points. */
  public static final double[][] NASH_MTL_STARTS = {{-8.5, 7.5}, {0, 0}, {9, 9}, {-7.5, -0.5}, {9, -1}};

  private final double scale;

  /** @param scale s, the factor on L1 (1 for CAGrad, 0.1 for Nash-MTL) */
  public TwoTaskToy(double scale) {
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("toy scale = " + scale + "; expected a finite value > 0");
    }
    this.scale = scale;
  }

  public double scale() {
    return scale;
  }

  /** The two losses (L1, L2) at x. */
  public double[] losses(double[] x) {
    return evaluate(x, null);
  }

  /**
   * The two losses at x; when {@code gradientsOut} is not null it receives ∇L1 in row 0 and ∇L2 in row 1
   * (a 2×2 row-major array). Where a log term is clamped its gradient is 0 and at x2 = 0 the clamps of c1
   * and c2 both pass their slope, as PyTorch's autograd does.
   */
  public double[] evaluate(double[] x, double[] gradientsOut) {
    double x1 = x[0];
    double x2 = x[1];
    double t = StrictMath.tanh(x2); // tanh(−x2) = −t; StrictMath: the same bits on every JDK (docs/RELIABILITY.md)
    double sech2 = 1 - t * t;
    double a1 = 0.5 * (-x1 - 7) + t;
    double a2 = 0.5 * (-x1 + 3) - t + 2;
    double f1a = Math.log(Math.max(Math.abs(a1), LOWER)) + 6;
    double f2a = Math.log(Math.max(Math.abs(a2), LOWER)) + 6;
    double th = StrictMath.tanh(0.5 * x2);
    double c1 = Math.max(th, 0);
    double c2 = Math.max(-th, 0);
    double f1s = ((-x1 + 7) * (-x1 + 7) + 0.1 * (-x2 - 8) * (-x2 - 8)) / 10 - 20;
    double f2s = ((-x1 - 7) * (-x1 - 7) + 0.1 * (-x2 - 8) * (-x2 - 8)) / 10 - 20;
    double l1 = scale * (f1a * c1 + f1s * c2);
    double l2 = f2a * c1 + f2s * c2;
    if (gradientsOut != null) {
      // d log|a| = da / a when |a| > LOWER
      double dLog1 = Math.abs(a1) > LOWER ? 1 / a1 : 0;
      double dLog2 = Math.abs(a2) > LOWER ? 1 / a2 : 0;
      double df1aDx1 = dLog1 * -0.5;
      double df1aDx2 = dLog1 * sech2;
      double df2aDx1 = dLog2 * -0.5;
      double df2aDx2 = dLog2 * -sech2;
      double halfSech2 = 0.5 * (1 - th * th);
      // PyTorch's clamp backward passes the gradient at the boundary (input >= min), so at x2 = 0 both
      // c1 and c2 have slope: this is what moves Nash-MTL's (0, 0) start
      double dc1Dx2 = th >= 0 ? halfSech2 : 0;
      double dc2Dx2 = th <= 0 ? -halfSech2 : 0;
      double df1sDx1 = (x1 - 7) / 5;
      double df2sDx1 = (x1 + 7) / 5;
      double dfsDx2 = 0.02 * (x2 + 8);
      gradientsOut[0] = scale * (df1aDx1 * c1 + df1sDx1 * c2);
      gradientsOut[1] = scale * (df1aDx2 * c1 + f1a * dc1Dx2 + dfsDx2 * c2 + f1s * dc2Dx2);
      gradientsOut[2] = df2aDx1 * c1 + df2sDx1 * c2;
      gradientsOut[3] = df2aDx2 * c1 + f2a * dc1Dx2 + dfsDx2 * c2 + f2s * dc2Dx2;
    }
    return new double[] {l1, l2};
  }
}
