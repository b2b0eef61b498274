package org.taskmet.tasks.pyepo;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.taskmet.api.DataSplits;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.LinearDecisionProblem.Sense;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;
import org.taskmet.solvers.combinatorial.MultiKnapsackOracle;

/**
 * PyEPO's multi-dimensional 0/1 knapsack ({@code pyepo.data.knapsack.genData} and {@code knapsackModel}):
 * pick items of largest total value, predicted from p features, within {@code dim} resource capacities. Drawn
 * once per data set (and carried by every instance as aux data for the oracle): weights W[d][i] = {@code choice(range(300, 800)) / 100} (3.00 to 7.99) and the Bernoulli
 * matrix B; per sample x ~ N(0, I_p), ε_i ~ U(1 − ε̄, 1 + ε̄) and the integer values
 * <pre>
 *   c_i = ⌈ 5 · [((B x)_i / √p + 3)^deg + 1] / 3.5^deg · ε_i ⌉
 * </pre>
 * The targets are values, so the decision problem is {@link Sense#MAXIMIZE}. Integer values make equal-value
 * optima common; {@link MultiKnapsackOracle} documents the deterministic tie-break. One instance per sample:
 * features 1×p, targets 1×m.
 */
public final class KnapsackTask implements Task {
  /** The plugin name. */
  public static final String NAME = "knapsack";

  private final KnapsackConfig config;
  private final PyepoDecisionProblem problem;
  private final MultiKnapsackOracle oracle;

  public KnapsackTask(KnapsackConfig config) {
    this.config = config.validate();
    this.oracle = new MultiKnapsackOracle();
    this.problem = new PyepoDecisionProblem(Sense.MAXIMIZE, oracle,
        config.trainingSolver().create(NAME, oracle, Sense.MAXIMIZE),
        TrainingSolverSettings.evaluation(NAME, oracle, Sense.MAXIMIZE));
  }

  @Override
  public String name() {
    return NAME;
  }

  public KnapsackConfig config() {
    return config;
  }

  @Override
  public TaskShape shape() {
    return new TaskShape(1, config.num_feat(), config.num_items());
  }

  @Override
  public DataSplits generate(long datasetSeed) {
    SplittableRandom rng = new SplittableRandom(datasetSeed);
    double[][] w = new double[config.dim()][config.num_items()];
    for (int d = 0; d < config.dim(); d++) {
      for (int i = 0; i < config.num_items(); i++) {
        w[d][i] = (300 + rng.nextInt(500)) / 100.0;
      }
    }
    double[] caps = new double[config.dim()];
    Arrays.fill(caps, config.capacity());
    int n = config.num_data() + config.num_val() + config.num_test();
    int m = config.num_items();
    PolynomialGenerator gen = new PolynomialGenerator(rng, m, config.num_feat(), config.deg(), config.noise_width());
    double[][] x = gen.features(rng, n);
    double[][] eps = gen.noise(rng, n);
    double scale = 5 / Math.pow(3.5, config.deg());
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) {
      c[i] = gen.polynomial(x[i]);
      for (int j = 0; j < m; j++) {
        c[i][j] = Math.ceil(c[i][j] * scale * eps[i][j]);
      }
    }
    return PyepoSplits.split(NAME, x, c, MultiKnapsackOracle.aux(w, caps), config.num_data(), config.num_val());
  }

  @Override
  public DecisionProblem decisionProblem() {
    return problem;
  }

  /** The notebook's predictor: linear (nn.Linear(p, m)), Adam lr 0.1, batch 32. */
  @Override
  public PredictorDefaults predictorDefaults() {
    return new PredictorDefaults(0, 0, "identity", 0.1, 32);
  }
}
