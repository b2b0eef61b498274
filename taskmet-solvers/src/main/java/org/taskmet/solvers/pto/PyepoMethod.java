package org.taskmet.solvers.pto;

import org.taskmet.api.DecisionProblem;
import org.taskmet.api.LinearDecisionProblem;
import org.taskmet.api.LinearOracle;
import org.taskmet.api.PredictorDefaults;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.method.ConfigChecks;
import org.taskmet.solvers.lp.LinearOracleSolver.Family;

/**
 * One of PyEPO's training methods: a per-instance {@code Loss} trained with PyEPO's protocol
 * ({@code EpochTrainer}). Every method but two-stage needs a task whose objective is linear in the predictions
 * ({@link LinearDecisionProblem}); each says so clearly when given another task.
 */
public final class PyepoMethod implements TrainingMethod {
  /** The methods, with the PyEPO module each one reproduces. */
  public enum Kind {
    /** Two-stage: fit the predictions by MSE ({@code nn.MSELoss}). */
    TWO_STAGE("two-stage"),
    /** SPO+ ({@code pyepo.func.SPOPlus}). */
    SPO_PLUS("spo-plus"),
    /** Perturbed Fenchel–Young loss ({@code pyepo.func.perturbedFenchelYoung}). */
    PFYL("pfyl"),
    /** Differentiable black-box optimizer ({@code pyepo.func.blackboxOpt}) with the L1 regret loss. */
    DBB("dbb"),
    /** Negative identity backpropagation ({@code pyepo.func.negativeIdentity}) with the L1 regret loss. */
    NID("nid"),
    /** Differentiable perturbed optimizer ({@code pyepo.func.perturbedOpt}) with the L1 decision loss. */
    DPO("dpo");

    private final String pluginName;

    Kind(String pluginName) {
      this.pluginName = pluginName;
    }

    /** The plugin name, e.g. {@code spo-plus}. */
    public String pluginName() {
      return pluginName;
    }
  }

  /**
   * The resolved settings of a method (the plugin configs fill in what they do not have).
   *
   * @param epochs passes over the training set (PyEPO's notebook: 20)
   * @param batchSize instances per step; 0 = the task's outer batch size
   * @param learningRate Adam learning rate; 0 = the task's
   * @param samples perturbed solves per instance (pfyl, dpo; PyEPO's notebook: 3)
   * @param sigma perturbation scale σ (pfyl, dpo; 1.0)
   * @param lambda DBB interpolation strength λ (20)
   */
  public record Settings(int epochs, int batchSize, double learningRate, int samples, double sigma, double lambda) {}

  private final Kind kind;
  private final Settings settings;

  public PyepoMethod(Kind kind, Settings settings) {
    String p = kind.pluginName();
    ConfigChecks.atLeast(p, "epochs", settings.epochs(), 0);
    ConfigChecks.atLeast(p, "batchSize", settings.batchSize(), 0);
    ConfigChecks.inRange(p, "learningRate", settings.learningRate(), 0, 10);
    ConfigChecks.atLeast(p, "samples", settings.samples(), 1);
    ConfigChecks.above(p, "sigma", settings.sigma(), 0);
    ConfigChecks.above(p, "lambda", settings.lambda(), 0);
    this.kind = kind;
    this.settings = settings;
  }

  public Kind kind() {
    return kind;
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public String name() {
    return kind.pluginName();
  }

  @Override
  public TrainedPredictor train(TrainingRequest request) {
    DecisionProblem problem = request.task().decisionProblem();
    LinearDecisionProblem linear = problem instanceof LinearDecisionProblem l ? l : null;
    if (linear == null && kind != Kind.TWO_STAGE) {
      throw new IllegalArgumentException("method '" + name() + "' needs a task whose objective is linear in the "
          + "predictions (a LinearDecisionProblem, e.g. shortest-path or knapsack); task '" + request.task().name()
          + "' is not");
    }
    CountingOracle oracle = linear == null ? null : new CountingOracle(linear.oracle());
    PredictorDefaults d = request.task().predictorDefaults();
    EpochTrainer.Settings loop = new EpochTrainer.Settings(settings.epochs(),
        settings.batchSize() > 0 ? settings.batchSize() : d.outerBatchSize(),
        settings.learningRate() > 0 ? settings.learningRate() : d.learningRate());
    return EpochTrainer.train(name(), request, loop, loss(oracle, linear), linear, oracle);
  }

  private Loss loss(LinearOracle oracle, LinearDecisionProblem problem) {
    return switch (kind) {
      case TWO_STAGE -> Losses.twoStage();
      case SPO_PLUS -> Losses.spoPlus(oracle, problem.sense());
      case PFYL -> Losses.perturbedFenchelYoung(oracle, problem.sense(), settings.sigma(), settings.samples());
      case DBB -> Losses.regretThroughSolver(oracle, problem.sense(), Family.DBB, settings.lambda());
      case NID -> Losses.regretThroughSolver(oracle, problem.sense(), Family.NID, 1.0);
      case DPO -> Losses.perturbedOptimizer(oracle, problem.sense(), settings.sigma(), settings.samples());
    };
  }
}
