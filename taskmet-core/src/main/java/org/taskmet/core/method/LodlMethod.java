package org.taskmet.core.method;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.taskmet.api.Dataset;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.Solver;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.plugin.CheckedDecisionProblem;

/**
 * LODL-Quadratic (Shah et al. 2022, as run for the TaskMet table; taskmet.md §3.1). For every training
 * and validation instance, a {@link QuadraticSurrogate} of the decision regret is fitted on
 * {@code samples} Gaussian perturbations Ŷ = Y + σ·N(0, 1) of the true targets: regret =
 * obj(z(Y), Y) − obj(z(Ŷ), Y) with z the task's evaluation solver (z(Y) is the best of
 * {@code optimalRestarts} solves, which matters only for randomized solvers). Samples are split
 * 30 % fit / 30 % early-stopping (the last 40 % are the reference's surrogate test set and are not drawn
 * here). The predictor is then trained on the mean surrogate of its batch and checkpointed by the mean
 * surrogate on validation. Plugin {@code lodl}.
 *
 * <p>Task-specific reference settings (σ, surrogate lr, clamping to [0,1]) are looked up by task name
 * when the config leaves them at 0: cubic σ = 1, lr 0.01; budget σ = std(Y)+1e-5 with samples clamped to
 * [0,1], lr 0.1; portfolio σ = 0.1, lr 0.001; any other task σ = 1, lr 0.01.
 */
public final class LodlMethod implements TrainingMethod {
  /** The plugin name. */
  public static final String NAME = "lodl";

  /**
   * @param alpha weight α of the MSE term inside the surrogate (0; the table uses 0 and 10)
   * @param samples perturbed predictions drawn per instance (5000)
   * @param samplingStd σ of the perturbations; 0 = the task's reference value
   * @param surrogateLearningRate Adam lr of the surrogate fit; 0 = the task's reference value
   * @param surrogateIterations maximum full-batch Adam steps per surrogate (100)
   * @param surrogatePatience early-stopping patience of the surrogate fit (25)
   * @param optimalRestarts solves of z(Y) kept as the best (10)
   * @param iterations maximum predictor Adam steps (5000)
   * @param validationEvery validation period in steps (5)
   * @param patience early-stopping patience in steps (200)
   * @param batchSize instances per predictor step (500, i.e. all training instances)
   * @param learningRate predictor Adam lr; 0 = the task's
   */
  public record Config(
      double alpha, int samples, double samplingStd, double surrogateLearningRate, int surrogateIterations,
      int surrogatePatience, int optimalRestarts, int iterations, int validationEvery, int patience, int batchSize,
      double learningRate) implements LoopConfig {
    public static Config defaults() {
      return new Config(0, 5000, 0, 0, 100, 25, 10, 5000, 5, 200, 500, 0);
    }

    Config validate() {
      ConfigChecks.inRange(NAME, "alpha", alpha, 0, 1e6);
      ConfigChecks.atLeast(NAME, "samples", samples, 4);
      ConfigChecks.inRange(NAME, "samplingStd", samplingStd, 0, 1e6);
      ConfigChecks.inRange(NAME, "surrogateLearningRate", surrogateLearningRate, 0, 10);
      ConfigChecks.atLeast(NAME, "surrogateIterations", surrogateIterations, 0);
      ConfigChecks.atLeast(NAME, "surrogatePatience", surrogatePatience, 1);
      ConfigChecks.atLeast(NAME, "optimalRestarts", optimalRestarts, 1);
      checkLoop(NAME);
      return this;
    }
  }

  private final Config config;

  public LodlMethod(Config config) {
    this.config = config.validate();
  }

  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public TrainedPredictor train(TrainingRequest request) {
    long start = System.nanoTime();
    long cpuStart = CpuClock.now();
    String task = request.task().name();
    double lr = config.surrogateLearningRate() > 0 ? config.surrogateLearningRate() : switch (task) {
      case "budget" -> 0.1;
      case "portfolio" -> 0.001;
      default -> 0.01;
    };
    boolean clamp = task.equals("budget");
    // surrogates use their own stream so the predictor's stream matches the other methods'
    SplittableRandom rng = new SplittableRandom(request.seed() ^ 0x10D1L);
    Dataset train = request.data().train();
    Dataset val = request.data().validation();
    DecisionProblem problem = CheckedDecisionProblem.of(request.task());
    int total = train.size() + val.size();
    List<QuadraticSurrogate> trainSurrogates = new ArrayList<>(train.size());
    List<QuadraticSurrogate> valSurrogates = new ArrayList<>(val.size());
    double fitMse = 0;
    int done = 0;
    for (Dataset split : List.of(train, val)) {
      List<QuadraticSurrogate> out = split == train ? trainSurrogates : valSurrogates;
      for (Instance in : split.instances()) {
        FitResult r = fit(problem, in, task, lr, clamp, rng);
        out.add(r.surrogate);
        fitMse += r.validationMse;
        done++;
        if (done % 10 == 0 || done == total) {
          request.progress().progress(done, total, NAME + " fitted " + done + "/" + total + " surrogates");
        }
      }
    }
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    double fitCpuSeconds = (CpuClock.now() - cpuStart) / 1e9;
    InstanceLoss trainLoss = surrogateLoss(trainSurrogates);
    InstanceLoss valLoss = surrogateLoss(valSurrogates);
    LoopSettings s = config.resolve(request.task());
    TrainedPredictor p = PredictorTrainer.train(NAME, request, s, trainLoss, valLoss);
    java.util.Map<String, Double> diag = new java.util.HashMap<>(p.diagnostics());
    diag.put("surrogateFitSeconds", fitSeconds);
    diag.put("surrogateFitCpuSeconds", fitCpuSeconds);
    diag.put("cpuSeconds", (CpuClock.now() - cpuStart) / 1e9);
    diag.put("surrogateValidationMse", fitMse / total);
    diag.put("seconds", (System.nanoTime() - start) / 1e9);
    return new TrainedPredictor(p.model(), p.parameters(), null, null, diag);
  }

  private static InstanceLoss surrogateLoss(List<QuadraticSurrogate> surrogates) {
    return (index, in, pred, grad, rng) -> {
      double[] work = new double[2 * pred.data().length];
      return surrogates.get(index).value(pred.data(), grad == null ? null : grad.data(), work);
    };
  }

  private record FitResult(QuadraticSurrogate surrogate, double validationMse) {}

  private FitResult fit(DecisionProblem problem, Instance in, String task, double lr, boolean clamp,
      SplittableRandom rng) {
    Solver solver = problem.evaluationSolver();
    Matrix y = in.targets();
    double[] yv = y.data();
    int d = yv.length;
    double best = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < config.optimalRestarts(); r++) {
      best = Math.max(best, problem.objective(in, solver.solve(y, in, rng).decision(), y));
    }
    double sigma = config.samplingStd() > 0 ? config.samplingStd() : switch (task) {
      case "budget" -> std(yv) + 1e-5;
      case "portfolio" -> 0.1;
      default -> 1.0;
    };
    int fitRows = (int) Math.round(0.3 * config.samples());
    int valRows = (int) Math.round(0.3 * config.samples());
    int n = fitRows + valRows;
    double[] samples = new double[n * d];
    double[] regrets = new double[n];
    double[] row = new double[d];
    for (int s = 0; s < n; s++) {
      for (int k = 0; k < d; k++) {
        double v = yv[k] + sigma * rng.nextGaussian();
        row[k] = clamp ? Math.max(0, Math.min(1, v)) : v;
      }
      System.arraycopy(row, 0, samples, s * d, d);
      Matrix pred = new Matrix(y.rows(), y.cols(), row.clone());
      regrets[s] = best - problem.objective(in, solver.solve(pred, in, rng).decision(), y);
    }
    QuadraticSurrogate q = QuadraticSurrogate.initial(yv, config.alpha(), rng);
    double mse = q.fit(samples, regrets, fitRows, n, lr, config.surrogateIterations(), config.surrogatePatience());
    return new FitResult(q, mse);
  }

  private static double std(double[] v) {
    double m = 0;
    for (double x : v) {
      m += x;
    }
    m /= v.length;
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / Math.max(1, v.length - 1));
  }

  /** The {@code lodl} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Provider extends PluginProviderBase<TrainingMethod, Config> {
    public Provider() {
      super(NAME, PluginKind.METHOD,
          "LODL-quadratic: per-instance lower-triangular quadratic regret surrogates, then train on them",
          Config.class, Config.defaults(), LodlMethod::new);
    }
  }
}
