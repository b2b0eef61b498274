package org.taskmet.tasks.portfolio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.taskmet.api.DataSplits;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Solver;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;
import org.taskmet.solvers.linalg.DenseCholesky;

/**
 * Portfolio optimization (taskmet.md §2.4). An instance is one trading day t: features of
 * {@code assets} stocks (assets × 28, {@link PortfolioFeatures}), the target next-day returns
 * (assets × 1) and the forward correlation matrix Σ of days t+2 … t+10 (aux {@code "covariance"}) with
 * its lower Cholesky factor L (aux {@code "cholesky"}, Σ = L·Lᵀ).
 *
 * <p>Decision: max_x pᵀx − α·‖L x‖² over {0 ≤ x ≤ 1, Σx = 1}, p the predicted returns. <b>The quadratic
 * term is ‖Lx‖² = xᵀLᵀLx in both the solver and the evaluation</b> (the TaskMet reference's choice, not
 * xᵀΣx; see the §2.4 caveat about the later LODL commit that made the two inconsistent).
 *
 * <p>Σ per day: each selected stock's 9 returns on days t+2 … t+10 are z-scored with the population
 * std (a stock with constant returns gets zeros), Z is assets × 9, Σ = Z·Zᵀ/8 + ridge·I.
 *
 * <p>Splits are contiguous in time: the first {@code trainDays} usable days are train, the next
 * {@code validationDays} validation, the next {@code testDays} test. Draw order from the dataset seed:
 * the price source (when it simulates), then the sampled assets.
 */
public final class PortfolioTask implements Task {
  /** The plugin name. */
  public static final String NAME = "portfolio";
  private static final int WINDOW = 9;

  private final PortfolioConfig config;
  private final String dataLabel;
  private final PriceSource source;
  private final DecisionProblem problem;

  public PortfolioTask(PortfolioConfig config, PriceSource source, Solver trainingSolver, Solver evaluationSolver) {
    this.config = config.validate();
    this.dataLabel = config.resolvedData();
    this.source = source;
    this.problem = new PortfolioDecisionProblem(config.riskAversion(), trainingSolver, evaluationSolver);
  }

  @Override
  public String name() {
    return NAME;
  }

  public PortfolioConfig config() {
    return config;
  }

  @Override
  public String dataLabel() {
    return dataLabel;
  }

  @Override
  public TaskShape shape() {
    return new TaskShape(config.assets(), PortfolioFeatures.COUNT, 1);
  }

  @Override
  public DataSplits generate(long datasetSeed) {
    SplittableRandom rng = new SplittableRandom(datasetSeed);
    PriceHistory history = source.load(rng);
    int a = config.assets();
    if (history.symbolCount() < a) {
      throw new IllegalArgumentException("portfolio: " + source.describe() + " has " + history.symbolCount()
          + " complete symbols, config field 'assets' needs " + a);
    }
    int needed = config.trainDays() + config.validationDays() + config.testDays();
    int usable = PortfolioFeatures.usableDays(history.days());
    if (usable < needed) {
      throw new IllegalArgumentException("portfolio: " + source.describe() + " has " + history.days()
          + " days, giving " + usable + " usable days; the splits need " + needed + " (" + config.neededDays()
          + " days of prices)");
    }
    int[] chosen = sampleWithoutReplacement(rng, history.symbolCount(), a);
    double[][] prices = new double[a][history.days()];
    for (int s = 0; s < a; s++) {
      for (int t = 0; t < history.days(); t++) {
        prices[s][t] = history.close(t, chosen[s]);
      }
    }
    int f = PortfolioFeatures.COUNT;
    // raw features of every usable day, for the normalization statistics
    double[] feats = new double[usable * a * f];
    for (int d = 0; d < usable; d++) {
      for (int s = 0; s < a; s++) {
        PortfolioFeatures.raw(prices[s], PortfolioFeatures.FIRST_DAY + d, feats, (d * a + s) * f);
      }
    }
    zScoreColumns(feats, usable * a, f);
    List<Instance> instances = new ArrayList<>(needed);
    for (int d = 0; d < needed; d++) {
      int t = PortfolioFeatures.FIRST_DAY + d;
      double[] x = new double[a * f];
      System.arraycopy(feats, d * a * f, x, 0, a * f);
      double[] y = new double[a];
      for (int s = 0; s < a; s++) {
        y[s] = PortfolioFeatures.ret(prices[s], t + 1);
      }
      Matrix cov = forwardCorrelation(prices, t);
      Matrix chol = cholesky(cov);
      instances.add(new Instance(new Matrix(a, f, x), Matrix.column(y), Map.of("covariance", cov, "cholesky", chol)));
    }
    int tr = config.trainDays();
    int va = config.validationDays();
    return new DataSplits(
        new Dataset(NAME + "/train", instances.subList(0, tr)),
        new Dataset(NAME + "/validation", instances.subList(tr, tr + va)),
        new Dataset(NAME + "/test", instances.subList(tr + va, needed)));
  }

  private Matrix forwardCorrelation(double[][] prices, int t) {
    int a = prices.length;
    double[] z = new double[a * WINDOW];
    for (int s = 0; s < a; s++) {
      double mean = 0;
      for (int k = 0; k < WINDOW; k++) {
        z[s * WINDOW + k] = PortfolioFeatures.ret(prices[s], t + 2 + k);
        mean += z[s * WINDOW + k];
      }
      mean /= WINDOW;
      double var = 0;
      for (int k = 0; k < WINDOW; k++) {
        double e = z[s * WINDOW + k] - mean;
        var += e * e;
      }
      double sd = Math.sqrt(var / WINDOW);
      for (int k = 0; k < WINDOW; k++) {
        z[s * WINDOW + k] = sd > 0 ? (z[s * WINDOW + k] - mean) / sd : 0;
      }
    }
    double[] cov = new double[a * a];
    for (int i = 0; i < a; i++) {
      for (int j = 0; j <= i; j++) {
        double s = 0;
        for (int k = 0; k < WINDOW; k++) {
          s += z[i * WINDOW + k] * z[j * WINDOW + k];
        }
        s /= WINDOW - 1;
        if (i == j) {
          s += config.covarianceRidge();
        }
        cov[i * a + j] = s;
        cov[j * a + i] = s;
      }
    }
    return new Matrix(a, a, cov);
  }

  /** Lower Cholesky factor of Σ (Σ has a ridge, so a failure means non-finite prices). */
  private static Matrix cholesky(Matrix m) {
    int n = m.rows();
    double[] l = m.data().clone();
    if (!DenseCholesky.factor(l, n)) {
      throw new IllegalStateException("portfolio: forward covariance is not positive definite (non-finite prices?)");
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        l[i * n + j] = 0;
      }
    }
    return new Matrix(n, n, l);
  }

  private static void zScoreColumns(double[] x, int rows, int cols) {
    for (int c = 0; c < cols; c++) {
      double mean = 0;
      for (int r = 0; r < rows; r++) {
        mean += x[r * cols + c];
      }
      mean /= rows;
      double var = 0;
      for (int r = 0; r < rows; r++) {
        double e = x[r * cols + c] - mean;
        var += e * e;
      }
      double sd = Math.sqrt(var / Math.max(1, rows - 1)) + 1e-12;
      for (int r = 0; r < rows; r++) {
        x[r * cols + c] = (x[r * cols + c] - mean) / sd;
      }
    }
  }

  /** The first {@code k} entries of a seeded Fisher–Yates shuffle of 0..n−1. */
  private static int[] sampleWithoutReplacement(SplittableRandom rng, int n, int k) {
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + rng.nextInt(n - i);
      int tmp = idx[i];
      idx[i] = idx[j];
      idx[j] = tmp;
    }
    return java.util.Arrays.copyOf(idx, k);
  }

  @Override
  public DecisionProblem decisionProblem() {
    return problem;
  }

  /** Two layers (hidden 500), tanh output, Adam lr 1e-2, outer batch 100 (taskmet.md §1.6). */
  @Override
  public PredictorDefaults predictorDefaults() {
    return new PredictorDefaults(1, 500, "tanh", 1e-2, 100);
  }
}
