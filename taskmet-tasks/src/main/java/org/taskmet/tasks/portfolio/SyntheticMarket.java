package org.taskmet.tasks.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A synthetic stand-in for the (non-public) S&amp;P 500 price data: a linear factor model of daily
 * returns with a weak predictable component, so the price features carry some signal.
 *
 * <p>Returns of symbol s on day t:
 * r_{t,s} = μ_s − reversal·r_{t−1,s} + momentum·m_{t−1,s} + Σ_k β_{s,k}·f_{t,k} + σ_s·ε_{t,s}, with
 * m_{t−1,s} the mean return of the previous 30 days, factor returns f_{t,k} ~ N(0, factorVol²)
 * (factor 0 is the market: β_{s,0} ~ N(1, 0.3²); others β ~ N(0, 0.5²)), idiosyncratic
 * σ_s ~ U[0.5, 1.5]·idioVol, drift μ_s ~ N(3e-4, 2e-4²), ε ~ N(0,1). Returns are clipped to
 * [−0.5, 0.5]; prices start at U[20, 200] and compound. All draws come from the generator passed in.
 *
 * @param symbols number of simulated symbols (the task samples its assets among them)
 * @param days number of simulated trading days
 * @param factors number of common factors (≥ 1)
 * @param factorVol daily volatility of a factor return
 * @param idioVol typical daily idiosyncratic volatility
 * @param reversal short-term reversal coefficient (the predictable part; 0 = unpredictable)
 * @param momentum 30-day momentum coefficient (the predictable part)
 */
public record SyntheticMarket(
    int symbols, int days, int factors, double factorVol, double idioVol, double reversal, double momentum)
    implements PriceSource {

  @Override
  public PriceHistory load(RandomGenerator rng) {
    double[] beta = new double[symbols * factors];
    double[] sigma = new double[symbols];
    double[] drift = new double[symbols];
    double[] price = new double[symbols];
    for (int s = 0; s < symbols; s++) {
      for (int k = 0; k < factors; k++) {
        beta[s * factors + k] = k == 0 ? 1 + 0.3 * rng.nextGaussian() : 0.5 * rng.nextGaussian();
      }
      sigma[s] = idioVol * (0.5 + rng.nextDouble());
      drift[s] = 3e-4 + 2e-4 * rng.nextGaussian();
      price[s] = 20 + 180 * rng.nextDouble();
    }
    double[] close = new double[days * symbols];
    double[] lastReturn = new double[symbols];
    double[] window = new double[30 * symbols];
    double[] windowSum = new double[symbols];
    double[] f = new double[factors];
    for (int t = 0; t < days; t++) {
      for (int k = 0; k < factors; k++) {
        f[k] = factorVol * rng.nextGaussian();
      }
      int slot = t % 30;
      int filled = Math.min(t, 30);
      for (int s = 0; s < symbols; s++) {
        double r = 0;
        if (t > 0) {
          double mom = filled > 0 ? windowSum[s] / filled : 0;
          r = drift[s] - reversal * lastReturn[s] + momentum * mom + sigma[s] * rng.nextGaussian();
          for (int k = 0; k < factors; k++) {
            r += beta[s * factors + k] * f[k];
          }
          r = Math.max(-0.5, Math.min(0.5, r));
          price[s] *= 1 + r;
          windowSum[s] += r - window[slot * symbols + s];
          window[slot * symbols + s] = r;
          lastReturn[s] = r;
        }
        close[t * symbols + s] = price[s];
        // the generator once simulated volumes here; the draw stays so every seed's market is unchanged
        rng.nextGaussian();
      }
    }
    List<String> names = new ArrayList<>(symbols);
    for (int s = 0; s < symbols; s++) {
      names.add(String.format("SYN%03d", s));
    }
    return new PriceHistory(names, close);
  }

  @Override
  public String describe() {
    return "synthetic factor market (" + symbols + " symbols, " + days + " days, " + factors + " factors, reversal "
        + reversal + ", momentum " + momentum + ")";
  }
}
