package org.taskmet.tasks.portfolio;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds stock splits in raw (unadjusted) daily closes and back-adjusts the prices before each split, so
 * that every one-day ratio is a return. huge's S&amp;P 500 closes are not split-adjusted: about 200 one-day
 * ratios sit near ½, ⅔ or ⅓.
 *
 * <p>Rule: the one-day ratio r = P_t/P_{t−1} is a split with factor f when |ln(r/f)| ≤ {@value #TOLERANCE}
 * for f in {½, ⅓, ¼, ⅕} (2:1, 3:1, 4:1, 5:1 splits) or f in {2, 3, …, 10} (1:k reverse splits), i.e. the
 * move is a split plus an ordinary day of at most ±8 %; for f = ⅔ (3:2 splits) the band is
 * ±{@value #TOLERANCE_TWO_THIRDS}, because falls of 25–30 % after bad news (measured in huge's data:
 * Lexmark, Netflix in 2004–2005) sit just above ⅔. The next day must not move back by about 1/f (that
 * is a one-day glitch). All prices before t are then multiplied by f. Factors closer to 1 (5:4, 4:3) are
 * not tried: they cannot be told apart from ordinary large moves. What the rule gets wrong, by
 * construction: a genuine one-day fall of 30–37 % is taken for a 3:2 split (and 46–54 % for 2:1), and
 * spin-offs and special dividends, which are not splits, stay as large one-day returns; dividends are not
 * adjusted at all (about 0.5 % per quarter).
 */
public final class SplitAdjustment {
  /** Largest |ln(r/f)| of a split day: the split plus an ordinary move of ±8 %. */
  static final double TOLERANCE = 0.08;
  /** The narrower band of 3:2 splits. */
  static final double TOLERANCE_TWO_THIRDS = 0.05;
  private static final double[] FACTORS = {1.0 / 2, 1.0 / 3, 1.0 / 4, 1.0 / 5, 2.0 / 3, 2, 3, 4, 5, 6, 7, 8, 9, 10};

  /** A detected split: the first day at the new price scale, and the factor applied to earlier prices. */
  public record Split(int symbol, int day, double factor, double observedRatio) {}

  /** The adjusted prices (days × symbols, row-major) and the splits found. */
  public record Result(double[] close, List<Split> splits) {}

  private SplitAdjustment() {}

  /**
   * Back-adjusts {@code close} (days × symbols, row-major; not modified).
   */
  public static Result adjust(double[] close, int days, int symbols) {
    double[] out = close.clone();
    List<Split> splits = new ArrayList<>();
    for (int s = 0; s < symbols; s++) {
      for (int t = 1; t < days; t++) {
        double r = close[t * symbols + s] / close[(t - 1) * symbols + s];
        double f = splitFactor(r);
        if (Double.isNaN(f)) {
          continue;
        }
        if (t + 1 < days) {
          double next = close[(t + 1) * symbols + s] / close[t * symbols + s];
          if (Math.abs(Math.log(next * f)) <= TOLERANCE) {
            t++; // moves back the next day: a one-day glitch, not a split (nor is the move back)
            continue;
          }
        }
        splits.add(new Split(s, t, f, r));
        for (int u = 0; u < t; u++) {
          out[u * symbols + s] *= f;
        }
      }
    }
    return new Result(out, List.copyOf(splits));
  }

  /** The split factor r is close to, or NaN. */
  static double splitFactor(double r) {
    for (double f : FACTORS) {
      if (Math.abs(Math.log(r / f)) <= (f == 2.0 / 3 ? TOLERANCE_TWO_THIRDS : TOLERANCE)) {
        return f;
      }
    }
    return Double.NaN;
  }
}
