package org.taskmet.tasks.portfolio;

import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.between;
import static org.taskmet.core.method.ConfigChecks.dataSize;
import static org.taskmet.core.method.ConfigChecks.inRange;
import static org.taskmet.core.method.ConfigChecks.notNull;

/**
 * Settings of the portfolio task (taskmet.md §2.4). Defaults are the reference sizes; the
 * {@code market*} fields configure the synthetic market and apply only to {@code data = synthetic}.
 *
 * @param assets stocks per instance, sampled once per dataset seed (50)
 * @param riskAversion α in max pᵀx − α‖Lx‖² (0.1)
 * @param covarianceRidge ridge added to the forward correlation matrix (0.1)
 * @param trainDays training days, the first usable days (200)
 * @param validationDays validation days, the next ones (200)
 * @param testDays test days, the next ones (400)
 * @param data where the prices come from: {@code stockdata} (real S&amp;P 500 closes 2003–2007 from Debian's
 *     r-cran-huge, {@link HugeStockdata}), {@code synthetic} ({@link SyntheticMarket}), {@code csv} (the CSV
 *     file {@code priceFile}, {@link PriceCsv}) or {@code auto} (default: {@code csv} when priceFile is set,
 *     else {@code stockdata} when r-cran-huge is installed, else {@code synthetic})
 * @param priceFile the file {@code csv} reads, or another location of {@code stockdata.rda} for
 *     {@code stockdata}; empty = the installed package's file
 * @param marketSymbols symbols the synthetic market simulates (60)
 * @param marketDays days it simulates (1200; must cover 365 + train + validation + test + 10)
 * @param marketFactors common factors (3)
 * @param marketFactorVol daily factor volatility (0.01)
 * @param marketIdioVol typical daily idiosyncratic volatility (0.015)
 * @param marketReversal short-term reversal coefficient, the predictable part (0.1)
 * @param marketMomentum 30-day momentum coefficient, the predictable part (0.2)
 */
public record PortfolioConfig(
    int assets, double riskAversion, double covarianceRidge, int trainDays, int validationDays, int testDays,
    String data, String priceFile, int marketSymbols, int marketDays, int marketFactors, double marketFactorVol,
    double marketIdioVol, double marketReversal, double marketMomentum) {

  /** The {@code data} values. */
  public static final String AUTO = "auto";
  public static final String STOCKDATA = "stockdata";
  public static final String SYNTHETIC = "synthetic";
  public static final String CSV = "csv";
  /**
   * At most this many assets: every decision solves a dense QP over them, and every day stores two assets x assets
   * matrices.
   */
  public static final int MAX_ASSETS = 5_000;
  /** At most this many factors of the synthetic market: each simulated return sums one term per factor. */
  public static final int MAX_MARKET_FACTORS = 100;

  /** The reference settings, on the real prices when they are installed. */
  public static PortfolioConfig defaults() {
    return new PortfolioConfig(50, 0.1, 0.1, 200, 200, 400, AUTO, "", 60, 1200, 3, 0.01, 0.015, 0.1, 0.2);
  }

  /** {@code data} with {@code auto} replaced by the source it stands for on this machine. */
  public String resolvedData() {
    if (!data.equals(AUTO)) {
      return data;
    }
    if (!priceFile.isEmpty()) {
      return CSV;
    }
    return HugeStockdata.installed().isPresent() ? STOCKDATA : SYNTHETIC;
  }

  /** Throws naming the field when a value is out of range, or when the sizes ask for more than memory holds. */
  public PortfolioConfig validate() {
    String p = PortfolioTask.NAME;
    between(p, "assets", assets, 2, MAX_ASSETS, "every decision solves a dense QP over the assets");
    above(p, "riskAversion", riskAversion, 0);
    above(p, "covarianceRidge", covarianceRidge, 0);
    atLeast(p, "trainDays", trainDays, 1);
    atLeast(p, "validationDays", validationDays, 1);
    atLeast(p, "testDays", testDays, 1);
    dataSize(p, "(trainDays + validationDays + testDays) x (2 x assets x assets + 29 x assets) (each day's covariance, "
        + "its Cholesky factor, features and returns)", (long) trainDays + validationDays + testDays,
        2L * assets * assets + (PortfolioFeatures.COUNT + 1L) * assets);
    notNull(p, "data", data);
    notNull(p, "priceFile", priceFile);
    if (!java.util.List.of(AUTO, STOCKDATA, SYNTHETIC, CSV).contains(data)) {
      throw new IllegalArgumentException(p + ": config field 'data' is '" + data + "'; expected one of auto, "
          + "stockdata, synthetic, csv");
    }
    if (data.equals(CSV) && priceFile.isEmpty()) {
      throw new IllegalArgumentException(p + ": data=csv needs config field 'priceFile' (the CSV file)");
    }
    if (resolvedData().equals(SYNTHETIC)) {
      atLeast(p, "marketSymbols", marketSymbols, assets);
      atLeast(p, "marketDays", marketDays, neededDays());
      between(p, "marketFactors", marketFactors, 1, MAX_MARKET_FACTORS, "each simulated return sums one term per "
          + "factor");
      dataSize(p, "marketSymbols x marketDays (simulated closes) + marketDays x assets x 28 (features of every day)",
          (long) marketSymbols + (long) assets * PortfolioFeatures.COUNT, marketDays);
      inRange(p, "marketFactorVol", marketFactorVol, 0, 1);
      inRange(p, "marketIdioVol", marketIdioVol, 0, 1);
      inRange(p, "marketReversal", marketReversal, -1, 1);
      inRange(p, "marketMomentum", marketMomentum, -1, 1);
    }
    return this;
  }

  /** Days of price history the splits need: 365 warm-up days, the instance days, 10 forward days. */
  public int neededDays() {
    return PortfolioFeatures.FIRST_DAY + trainDays + validationDays + testDays + PortfolioFeatures.HORIZON;
  }

  /** The price source these settings describe. */
  public PriceSource source() {
    return switch (resolvedData()) {
      case SYNTHETIC -> new SyntheticMarket(marketSymbols, marketDays, marketFactors, marketFactorVol, marketIdioVol,
          marketReversal, marketMomentum);
      case STOCKDATA -> priceFile.isEmpty() ? HugeStockdata.installedOrExpected()
          : new HugeStockdata(java.nio.file.Path.of(priceFile));
      default -> new PriceCsv(java.nio.file.Path.of(priceFile));
    };
  }
}
