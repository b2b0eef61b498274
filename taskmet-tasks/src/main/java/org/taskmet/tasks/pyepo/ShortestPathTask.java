package org.taskmet.tasks.pyepo;

import java.util.Map;
import java.util.SplittableRandom;
import org.taskmet.api.DataSplits;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.LinearDecisionProblem.Sense;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;
import org.taskmet.solvers.combinatorial.GridShortestPathOracle;

/**
 * PyEPO's shortest path ({@code pyepo.data.shortestpath.genData} and {@code shortestPathModel}): the cheapest
 * path from the top-left to the bottom-right node of an h×w grid whose d = h(w−1) + w(h−1) arc costs are
 * predicted from p features. Costs, with B ∈ {0,1}^{d×p} ~ Bernoulli(0.5) fixed per data set, x ~ N(0, I_p)
 * and ε_j ~ U(1 − ε̄, 1 + ε̄):
 * <pre>
 *   c_j = [((B x)_j / √p + 3)^deg + 1] / 3.5^deg · ε_j        (rounded to float32, as PyEPO returns them)
 * </pre>
 * (the "+1" inside the 1/3.5^deg scaling, as PyEPO's code has it). Arcs are in PyEPO's order (each row's
 * east arcs, then its south arcs: {@link GridShortestPathOracle}). The targets are costs, so the decision
 * problem is {@link Sense#MINIMIZE}: its objective is −cᵀz, the library's "higher is better" applied once.
 * One instance per sample: features 1×p, targets 1×d.
 */
public final class ShortestPathTask implements Task {
  /** The plugin name. */
  public static final String NAME = "shortest-path";

  private final ShortestPathConfig config;
  private final GridShortestPathOracle oracle;
  private final PyepoDecisionProblem problem;

  public ShortestPathTask(ShortestPathConfig config) {
    this.config = config.validate();
    this.oracle = new GridShortestPathOracle(config.grid_rows(), config.grid_cols());
    this.problem = new PyepoDecisionProblem(Sense.MINIMIZE, oracle,
        config.trainingSolver().create(NAME, oracle, Sense.MINIMIZE),
        TrainingSolverSettings.evaluation(NAME, oracle, Sense.MINIMIZE));
  }

  @Override
  public String name() {
    return NAME;
  }

  public ShortestPathConfig config() {
    return config;
  }

  /** The grid's oracle (arc order, arc indices). */
  public GridShortestPathOracle oracle() {
    return oracle;
  }

  @Override
  public TaskShape shape() {
    return new TaskShape(1, config.num_feat(), oracle.arcCount());
  }

  @Override
  public DataSplits generate(long datasetSeed) {
    SplittableRandom rng = new SplittableRandom(datasetSeed);
    int n = config.num_data() + config.num_val() + config.num_test();
    int d = oracle.arcCount();
    PolynomialGenerator gen = new PolynomialGenerator(rng, d, config.num_feat(), config.deg(), config.noise_width());
    double[][] x = gen.features(rng, n);
    double[][] eps = gen.noise(rng, n);
    double scale = Math.pow(3.5, config.deg());
    double[][] c = new double[n][];
    for (int i = 0; i < n; i++) {
      c[i] = gen.polynomial(x[i]);
      for (int j = 0; j < d; j++) {
        c[i][j] = (float) (c[i][j] / scale * eps[i][j]);
      }
    }
    return PyepoSplits.split(NAME, x, c, Map.of(), config.num_data(), config.num_val());
  }

  @Override
  public DecisionProblem decisionProblem() {
    return problem;
  }

  /** The notebook's predictor: linear (nn.Linear(p, d)), Adam lr 1e-2, batch 32. */
  @Override
  public PredictorDefaults predictorDefaults() {
    return new PredictorDefaults(0, 0, "identity", 1e-2, 32);
  }
}
