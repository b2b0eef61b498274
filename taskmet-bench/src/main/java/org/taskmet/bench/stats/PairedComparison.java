package org.taskmet.bench.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Paired comparison of a method against a baseline that ran on the same seeds (the same data draw and
 * model seed per pair): the differences d_k = method_k − baseline_k, their mean with a two-sided Student-t
 * confidence interval, and how often the method won. Pairing removes the seed-to-seed variation both
 * methods share (a hard data draw is hard for both), so it can rank methods where two separate
 * mean ± std columns cannot.
 *
 * @param pairs seeds both ran on
 * @param mean mean difference (method − baseline)
 * @param std sample standard deviation of the differences (0 with one pair)
 * @param low lower end of the confidence interval of the mean difference (−∞ with one pair)
 * @param high upper end (+∞ with one pair)
 * @param wins pairs where the method scored higher
 * @param losses pairs where it scored lower (ties are neither)
 */
public record PairedComparison(int pairs, double mean, double std, double low, double high, int wins, int losses) {
  /** Confidence level of the intervals. */
  public static final double CONFIDENCE = 0.95;

  /** True when the interval excludes zero: the data rank the two methods (at {@link #CONFIDENCE}). */
  public boolean significant() {
    return low > 0 || high < 0;
  }

  /**
   * The mean difference and, from two pairs on, its interval, with " *" when the interval excludes zero, e.g.
   * "+0.82 [-0.90, +2.53]"; every number is multiplied by {@code scale} (100 for percentage points) and printed with
   * {@code decimals} decimals and its sign.
   */
  public String format(double scale, int decimals) {
    String number = "%+." + decimals + "f";
    if (pairs < 2) {
      return String.format(Locale.ROOT, number, scale * mean);
    }
    return String.format(Locale.ROOT, number + " [" + number + ", " + number + "]%s", scale * mean, scale * low,
        scale * high, significant() ? " *" : "");
  }

  /**
   * Compares {@code method} with {@code baseline} on the seeds both have (keys: anything identifying a seed
   * pair, e.g. "dataset seed/model seed").
   *
   * @throws IllegalArgumentException when they share no seed or a score is not finite
   */
  public static <K> PairedComparison of(Map<K, Double> method, Map<K, Double> baseline) {
    List<Double> d = new ArrayList<>();
    for (Map.Entry<K, Double> e : method.entrySet()) {
      Double b = baseline.get(e.getKey());
      if (b != null) {
        if (!Double.isFinite(e.getValue()) || !Double.isFinite(b)) {
          throw new IllegalArgumentException("paired comparison: seed " + e.getKey() + " has a non-finite score ("
              + e.getValue() + " vs " + b + ")");
        }
        d.add(e.getValue() - b);
      }
    }
    if (d.isEmpty()) {
      throw new IllegalArgumentException("paired comparison: the method and the baseline share no seed");
    }
    return ofDifferences(d);
  }

  /**
   * The comparison from the paired differences themselves (method − baseline, one per seed), e.g. differences
   * already averaged over several methods per seed.
   *
   * @throws IllegalArgumentException when there is no difference or one is not finite
   */
  public static PairedComparison ofDifferences(List<Double> d) {
    if (d.isEmpty() || !d.stream().allMatch(Double::isFinite)) {
      throw new IllegalArgumentException("paired comparison: needs at least one finite difference, got " + d);
    }
    int n = d.size();
    double mean = 0;
    int wins = 0;
    int losses = 0;
    for (double x : d) {
      mean += x / n;
      wins += x > 0 ? 1 : 0;
      losses += x < 0 ? 1 : 0;
    }
    if (n == 1) {
      return new PairedComparison(1, mean, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, wins, losses);
    }
    double ss = 0;
    for (double x : d) {
      ss += (x - mean) * (x - mean);
    }
    double std = Math.sqrt(ss / (n - 1));
    double half = tQuantile(n - 1) * std / Math.sqrt(n);
    return new PairedComparison(n, mean, std, mean - half, mean + half, wins, losses);
  }

  /**
   * The number of seeds whose interval half-width would be at most {@code halfWidth} when the paired
   * differences have standard deviation {@code std}: the smallest n ≥ {@code minimum} with
   * t_{n−1}·std/√n ≤ halfWidth, capped at {@code maximum}.
   */
  public static int seedsFor(double std, double halfWidth, int minimum, int maximum) {
    if (!(halfWidth > 0) || minimum < 2 || maximum < minimum) {
      throw new IllegalArgumentException("seedsFor: needs halfWidth > 0 and 2 <= minimum <= maximum, got " + halfWidth
          + ", " + minimum + ", " + maximum);
    }
    for (int n = minimum; n < maximum; n++) {
      if (tQuantile(n - 1) * std / Math.sqrt(n) <= halfWidth) {
        return n;
      }
    }
    return maximum;
  }

  /** The two-sided {@link #CONFIDENCE} quantile of Student's t with {@code dof} degrees of freedom. */
  static double tQuantile(int dof) {
    return new TDistribution(null, dof).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
  }
}
