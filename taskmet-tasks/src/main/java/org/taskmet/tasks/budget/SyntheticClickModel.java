package org.taskmet.tasks.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A synthetic stand-in for the (non-public) budget-allocation data: low-rank channel × user structure
 * with Beta noise, so that probabilities are in [0, 1], differ systematically between channels and
 * users, and vary from instance to instance.
 *
 * <p>Per dataset, fixed: user factors u_j ~ N(0, I_r) and channel base factors c⁰_i ~ N(0, I_r), channel
 * offsets b_i ~ N(offsetMean, 0.5²). Per instance: channel factors c_i = c⁰_i + spread·N(0, I_r), mean
 * μ_ij = sigmoid(b_i + c_iᵀu_j/√r), and Y_ij ~ Beta(κ·μ_ij, κ·(1 − μ_ij)) with κ the concentration
 * (larger κ = less noise). All draws come from the generator passed in, in a fixed order.
 *
 * @param rank r, the rank of the channel × user interaction
 * @param concentration κ of the Beta noise (> 0)
 * @param instanceSpread how much channel factors change between instances (≥ 0)
 * @param offsetMean mean channel offset on the logit scale (e.g. −1.5 gives mostly small probabilities)
 */
public record SyntheticClickModel(int rank, double concentration, double instanceSpread, double offsetMean)
    implements ClickMatrixSource {

  @Override
  public List<double[]> draw(int count, int channels, int users, RandomGenerator rng) {
    double[] userFactors = gaussians(rng, users * rank, 1.0);
    double[] channelBase = gaussians(rng, channels * rank, 1.0);
    double[] offsets = new double[channels];
    for (int i = 0; i < channels; i++) {
      offsets[i] = offsetMean + 0.5 * rng.nextGaussian();
    }
    double scale = 1 / Math.sqrt(rank);
    List<double[]> out = new ArrayList<>(count);
    for (int t = 0; t < count; t++) {
      double[] y = new double[channels * users];
      for (int i = 0; i < channels; i++) {
        double[] c = new double[rank];
        for (int a = 0; a < rank; a++) {
          c[a] = channelBase[i * rank + a] + instanceSpread * rng.nextGaussian();
        }
        for (int j = 0; j < users; j++) {
          double logit = offsets[i];
          for (int a = 0; a < rank; a++) {
            logit += scale * c[a] * userFactors[j * rank + a];
          }
          double mean = 1 / (1 + Math.exp(-logit));
          y[i * users + j] = BetaSampler.sample(rng, concentration * mean, concentration * (1 - mean));
        }
      }
      out.add(y);
    }
    return out;
  }

  private static double[] gaussians(RandomGenerator rng, int n, double sd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = sd * rng.nextGaussian();
    }
    return v;
  }

  @Override
  public String describe() {
    return "synthetic low-rank click model (rank " + rank + ", Beta concentration " + concentration
        + ", instance spread " + instanceSpread + ", offset mean " + offsetMean + ")";
  }
}
