package org.taskmet.tasks.portfolio;

import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.inRange;
import static org.taskmet.core.method.ConfigChecks.notNull;

/**
 * Settings of the portfolio task (taskmet.md §2.4). Defaults are the reference sizes; the
 * {@code market*} fields configure the synthetic market and apply only when {@code priceFile} is empty.
 *
 * @param assets stocks per instance, sampled once per dataset seed (50)
 * @param riskAversion α in max pᵀx − α‖Lx‖² (0.1)
 * @param covarianceRidge ridge added to the forward correlation matrix (0.1)
 * @param trainDays training days, the first usable days (200)
 * @param validationDays validation days, the next ones (200)
 * @param testDays test days, the next ones (400)
 * @param priceFile CSV of real prices ({@link PriceCsv}); empty = the synthetic market
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
    String priceFile, int marketSymbols, int marketDays, int marketFactors, double marketFactorVol,
    double marketIdioVol, double marketReversal, double marketMomentum) {

  /** The reference settings with the synthetic market. */
  public static PortfolioConfig defaults() {
    return new PortfolioConfig(50, 0.1, 0.1, 200, 200, 400, "", 60, 1200, 3, 0.01, 0.015, 0.1, 0.2);
  }

  /** Throws naming the field when a value is out of range. */
  public PortfolioConfig validate() {
    String p = PortfolioTask.NAME;
    atLeast(p, "assets", assets, 2);
    above(p, "riskAversion", riskAversion, 0);
    above(p, "covarianceRidge", covarianceRidge, 0);
    atLeast(p, "trainDays", trainDays, 1);
    atLeast(p, "validationDays", validationDays, 1);
    atLeast(p, "testDays", testDays, 1);
    notNull(p, "priceFile", priceFile);
    if (priceFile.isEmpty()) {
      atLeast(p, "marketSymbols", marketSymbols, assets);
      atLeast(p, "marketDays", marketDays, neededDays());
      atLeast(p, "marketFactors", marketFactors, 1);
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
    if (priceFile.isEmpty()) {
      return new SyntheticMarket(marketSymbols, marketDays, marketFactors, marketFactorVol, marketIdioVol,
          marketReversal, marketMomentum);
    }
    return new PriceCsv(java.nio.file.Path.of(priceFile));
  }
}
