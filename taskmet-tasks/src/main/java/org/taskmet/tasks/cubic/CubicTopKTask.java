package org.taskmet.tasks.cubic;

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
 * Cubic top-k (taskmet.md §2.2): every instance has {@code items} items with one feature
 * x ~ U[−1, 1] and utility y = 10·(x³ − 0.65·x) (noise-free); the decision picks the k items with the
 * highest predicted utility and earns the sum of their true utilities.
 *
 * <p>A linear predictor is badly misspecified here: the least-squares fit ŷ = −0.5x ranks the worst
 * items first (two-stage normalized DQ ≈ −0.96), while a fit that is right near x = 1 picks the best
 * item. Training decisions use the soft top-k (entropic OT, ε = 0.01, 200 Sinkhorn iterations),
 * evaluation the hard top-k.
 *
 * <p>Generation order follows the reference: validation + train instances are drawn first (validation
 * = the first {@code validationInstances}), then the test instances, all from one generator seeded by
 * the dataset seed.
 */
public final class CubicTopKTask implements Task {
  /** The plugin name. */
  public static final String NAME = "cubic";

  private final CubicConfig config;
  private final DecisionProblem problem;

  /**
   * @param config validated settings
   * @param trainingSolver soft top-k (differentiable)
   * @param evaluationSolver hard top-k
   */
  public CubicTopKTask(CubicConfig config, Solver trainingSolver, Solver evaluationSolver) {
    this.config = config.validate();
    this.problem = new TopKDecisionProblem(config.k(), trainingSolver, evaluationSolver);
  }

  @Override
  public String name() {
    return NAME;
  }

  public CubicConfig config() {
    return config;
  }

  @Override
  public TaskShape shape() {
    return new TaskShape(config.items(), 1, 1);
  }

  @Override
  public DataSplits generate(long datasetSeed) {
    SplittableRandom rng = new SplittableRandom(datasetSeed);
    List<Instance> trainPool = instances(rng, config.validationInstances() + config.trainInstances());
    List<Instance> test = instances(rng, config.testInstances());
    int v = config.validationInstances();
    return new DataSplits(
        new Dataset(NAME + "/train", trainPool.subList(v, trainPool.size())),
        new Dataset(NAME + "/validation", trainPool.subList(0, v)),
        new Dataset(NAME + "/test", test));
  }

  private List<Instance> instances(SplittableRandom rng, int count) {
    List<Instance> out = new ArrayList<>(count);
    int n = config.items();
    for (int i = 0; i < count; i++) {
      double[] x = new double[n];
      double[] y = new double[n];
      for (int j = 0; j < n; j++) {
        x[j] = 2 * rng.nextDouble() - 1;
        y[j] = utility(x[j]);
      }
      out.add(new Instance(Matrix.column(x), Matrix.column(y)));
    }
    return out;
  }

  /** The true utility 10·(x³ − 0.65·x). */
  public static double utility(double x) {
    return 10 * (x * x * x - 0.65 * x);
  }

  @Override
  public DecisionProblem decisionProblem() {
    return problem;
  }

  /** Linear predictor, Adam lr 0.1, outer batch 50 (taskmet.md §1.6). */
  @Override
  public PredictorDefaults predictorDefaults() {
    return new PredictorDefaults(0, 0, "identity", 0.1, 50);
  }
}
