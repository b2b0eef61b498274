package org.taskmet.tasks.portfolio;

/**
 * The reference's per-(day, stock) features from daily adjusted closes (taskmet.md §2.4), F = 28:
 * <ol start="0">
 *   <li>current return r_t = P_t/P_{t−1} − 1;</li>
 *   <li>1–10: lagged returns r_{t−1} … r_{t−10};</li>
 *   <li>11–14: 365-, 120-, 30-, 7-day percentage changes P_t/P_{t−w} − 1;</li>
 *   <li>15–16: 7-day rolling mean and (unbiased) variance of returns r_{t−6..t};</li>
 *   <li>17–26: rolling mean and (unbiased) variance of the price over 365, 120, 30, 7, 3 days (mean, var
 *       per window, in that order);</li>
 *   <li>27: the adjusted close P_t.</li>
 * </ol>
 * A day t is usable when all features exist (t ≥ 365) and the target and covariance window exist
 * (t + 10 &lt; days). Features are z-scored per column over all usable (day, stock) pairs of the
 * selected stocks (std + 1e-12), as the reference does over its whole history.
 */
final class PortfolioFeatures {
  static final int COUNT = 28;
  static final int FIRST_DAY = 365;
  /** Days after t needed: the target (t+1) and the covariance window (t+2 … t+10). */
  static final int HORIZON = 10;
  private static final int[] PCT_WINDOWS = {365, 120, 30, 7};
  private static final int[] PRICE_WINDOWS = {365, 120, 30, 7, 3};

  private PortfolioFeatures() {}

  /** Number of usable days of a history with {@code days} days. */
  static int usableDays(int days) {
    return Math.max(0, days - HORIZON - FIRST_DAY);
  }

  /**
   * Raw (un-normalized) features of stock s on day t, written into {@code out} at {@code off}.
   *
   * @param p prices of one stock over all days
   */
  static void raw(double[] p, int t, double[] out, int off) {
    int o = off;
    out[o++] = ret(p, t);
    for (int lag = 1; lag <= 10; lag++) {
      out[o++] = ret(p, t - lag);
    }
    for (int w : PCT_WINDOWS) {
      out[o++] = p[t] / p[t - w] - 1;
    }
    double mean = 0;
    for (int d = t - 6; d <= t; d++) {
      mean += ret(p, d);
    }
    mean /= 7;
    double var = 0;
    for (int d = t - 6; d <= t; d++) {
      double e = ret(p, d) - mean;
      var += e * e;
    }
    out[o++] = mean;
    out[o++] = var / 6;
    for (int w : PRICE_WINDOWS) {
      double m = 0;
      for (int d = t - w + 1; d <= t; d++) {
        m += p[d];
      }
      m /= w;
      double v = 0;
      for (int d = t - w + 1; d <= t; d++) {
        double e = p[d] - m;
        v += e * e;
      }
      out[o++] = m;
      out[o++] = v / (w - 1);
    }
    out[o] = p[t];
  }

  static double ret(double[] p, int t) {
    return p[t] / p[t - 1] - 1;
  }
}
