package org.taskmet.tasks.portfolio;

import java.util.List;

/**
 * Daily prices of a set of symbols over the same consecutive trading days.
 *
 * @param symbols symbol names, one per column
 * @param close adjusted close prices, days × symbols, row-major (all finite and &gt; 0)
 */
public record PriceHistory(List<String> symbols, double[] close) {
  /**
   * The range of a price read from a file: wide enough for the price of anything in any currency, narrow enough
   * that the features' squared prices and price ratios stay far from overflow and from subnormal numbers (a price of
   * 1e300 or 1e-320 is a corrupt file, not a market).
   */
  public static final double MIN_FILE_PRICE = 1e-8;
  /** The largest price accepted from a file (see {@link #MIN_FILE_PRICE}). */
  public static final double MAX_FILE_PRICE = 1e12;

  public PriceHistory {
    symbols = List.copyOf(symbols);
    if (symbols.isEmpty() || close.length % symbols.size() != 0) {
      throw new IllegalArgumentException("price history: " + close.length + " closes do not fit "
          + symbols.size() + " symbols");
    }
    for (double v : close) {
      if (!(v > 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException("price history: adjusted close " + v + " is not a finite positive price");
      }
    }
  }

  /** Whether {@code price} lies in [{@link #MIN_FILE_PRICE}, {@link #MAX_FILE_PRICE}]. */
  static boolean plausibleFilePrice(double price) {
    return price >= MIN_FILE_PRICE && price <= MAX_FILE_PRICE;
  }

  /** The accepted range, for messages. */
  static String filePriceRange() {
    return "[" + MIN_FILE_PRICE + ", " + MAX_FILE_PRICE + "]";
  }

  public int days() {
    return close.length / symbols.size();
  }

  public int symbolCount() {
    return symbols.size();
  }

  public double close(int day, int symbol) {
    return close[day * symbols.size() + symbol];
  }
}
