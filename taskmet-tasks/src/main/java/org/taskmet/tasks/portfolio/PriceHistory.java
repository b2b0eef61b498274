package org.taskmet.tasks.portfolio;

import java.util.List;

/**
 * Daily prices of a set of symbols over the same consecutive trading days.
 *
 * @param symbols symbol names, one per column
 * @param close adjusted close prices, days × symbols, row-major (all finite and > 0)
 */
public record PriceHistory(List<String> symbols, double[] close) {
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
