package org.taskmet.tasks.budget;

import java.util.ArrayList;
import java.util.List;
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

/**
 * Budget allocation / web advertising (taskmet.md §2.3). An instance is a channels × users matrix Y of
 * click probabilities; the decision splits a budget k over the channels (z ∈ [0,1]^channels, Σz = k)
 * to maximize the expected number of users reached, Σ_j (1 − Π_i (1 − z_i·Y_ij)).
 *
 * <p>Features follow the reference: per channel row, Y is standardized per user column over all
 * (instance, channel) rows of the split (the validation+train pool and the test set separately,
 * unbiased std), then mapped through one random affine map x = W·ŷ + b drawn like PyTorch's
 * {@code nn.Linear(users, users)} default init (U(±1/√users)), shared by all splits. The reference's
 * optional fake-target columns are not generated (TaskMet's configs use 0). F = n = users.
 *
 * <p>Data come from a {@link ClickMatrixSource}: MovieLens ratings from Debian's r-cran-dslabs when installed,
 * the documented synthetic generator, or a user-supplied file ({@link BudgetConfig#data()}). Draw order from the dataset seed: source matrices (validation+train pool, then
 * test), then the affine map.
 */
public final class BudgetTask implements Task {
  /** The plugin name. */
  public static final String NAME = "budget";

  private final BudgetConfig config;
  private final String dataLabel;
  private final ClickMatrixSource source;
  private final DecisionProblem problem;

  /**
   * @param config validated settings
   * @param source where the click matrices come from
   * @param trainingSolver the differentiable decision solver used while training
   * @param evaluationSolver the solver used at evaluation (the reference uses the same one)
   */
  public BudgetTask(BudgetConfig config, ClickMatrixSource source, Solver trainingSolver, Solver evaluationSolver) {
    this.config = config.validate();
    this.dataLabel = config.resolvedData();
    this.source = source;
    this.problem = new BudgetDecisionProblem(config.channels(), config.users(), trainingSolver, evaluationSolver);
  }

  @Override
  public String name() {
    return NAME;
  }

  public BudgetConfig config() {
    return config;
  }

  public ClickMatrixSource source() {
    return source;
  }

  @Override
  public String dataLabel() {
    return dataLabel;
  }

  @Override
  public TaskShape shape() {
    return new TaskShape(config.channels(), config.users(), config.users());
  }

  @Override
  public DataSplits generate(long datasetSeed) {
    SplittableRandom rng = new SplittableRandom(datasetSeed);
    int c = config.channels();
    int u = config.users();
    int pool = config.validationInstances() + config.trainInstances();
    List<double[]> poolY = checked(source.draw(pool, c, u, rng), c, u);
    List<double[]> testY = checked(source.draw(config.testInstances(), c, u, rng), c, u);
    double bound = 1 / Math.sqrt(u);
    double[] w = new double[u * u];
    for (int i = 0; i < w.length; i++) {
      w[i] = bound * (2 * rng.nextDouble() - 1);
    }
    double[] b = new double[u];
    for (int i = 0; i < u; i++) {
      b[i] = bound * (2 * rng.nextDouble() - 1);
    }
    List<Instance> poolInstances = instances(poolY, w, b);
    int v = config.validationInstances();
    return new DataSplits(
        new Dataset(NAME + "/train", poolInstances.subList(v, pool)),
        new Dataset(NAME + "/validation", poolInstances.subList(0, v)),
        new Dataset(NAME + "/test", instances(testY, w, b)));
  }

  private List<double[]> checked(List<double[]> ys, int c, int u) {
    for (double[] y : ys) {
      if (y.length != c * u) {
        throw new IllegalStateException(source.describe() + " returned a matrix of " + y.length
            + " values, expected " + c + "x" + u);
      }
      for (double v : y) {
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalStateException(source.describe() + " returned a click probability " + v + " outside [0, 1]");
        }
      }
    }
    return ys;
  }

  /** Standardizes each user column over all rows of the split, then applies x = W·ŷ + b per row. */
  private List<Instance> instances(List<double[]> ys, double[] w, double[] b) {
    int c = config.channels();
    int u = config.users();
    int rows = ys.size() * c;
    double[] mean = new double[u];
    double[] sd = new double[u];
    for (double[] y : ys) {
      for (int k = 0; k < c * u; k++) {
        mean[k % u] += y[k];
      }
    }
    for (int j = 0; j < u; j++) {
      mean[j] /= rows;
    }
    for (double[] y : ys) {
      for (int k = 0; k < c * u; k++) {
        double d = y[k] - mean[k % u];
        sd[k % u] += d * d;
      }
    }
    for (int j = 0; j < u; j++) {
      sd[j] = rows > 1 ? Math.sqrt(sd[j] / (rows - 1)) : 0;
      // a constant column carries no information; centre it and leave the scale alone
      if (sd[j] == 0) {
        sd[j] = 1;
      }
    }
    List<Instance> out = new ArrayList<>(ys.size());
    double[] z = new double[u];
    for (double[] y : ys) {
      double[] x = new double[c * u];
      for (int i = 0; i < c; i++) {
        for (int j = 0; j < u; j++) {
          z[j] = (y[i * u + j] - mean[j]) / sd[j];
        }
        for (int o = 0; o < u; o++) {
          double s = b[o];
          for (int j = 0; j < u; j++) {
            s += w[o * u + j] * z[j];
          }
          x[i * u + o] = s;
        }
      }
      out.add(new Instance(new Matrix(c, u, x), new Matrix(c, u, y.clone())));
    }
    return out;
  }

  @Override
  public DecisionProblem decisionProblem() {
    return problem;
  }

  /** Two layers (hidden 500), ReLU output, Adam lr 1e-4, outer batch 100 (taskmet.md §1.6). */
  @Override
  public PredictorDefaults predictorDefaults() {
    return new PredictorDefaults(1, 500, "relu", 1e-4, 100);
  }
}
