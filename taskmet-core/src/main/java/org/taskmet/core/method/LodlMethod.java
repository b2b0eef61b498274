package org.taskmet.core.method;

import com.google.auto.service.AutoService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.taskmet.api.Dataset;
import org.taskmet.api.Instance;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
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
 * here). The fits run in parallel across instances with results independent of the thread count
 * ({@link SurrogateFits}). The predictor is then trained on the mean surrogate of its batch and
 * checkpointed by the mean surrogate on validation. Plugin {@code lodl}.
 *
 * <p>Task-specific reference settings (σ, surrogate lr, clamping to [0,1]) are looked up by task name
 * when the config leaves them at 0: cubic σ = 1, lr 0.01; budget σ = std(Y)+1e-5 with samples clamped to
 * [0,1], lr 0.1; portfolio σ = 0.1, lr 0.001; any other task σ = 1, lr 0.01.
 */
public final class LodlMethod implements TrainingMethod {
  /** The plugin name. */
  public static final String NAME = "lodl";
  /** The largest explicit samplingStd, in standard deviations of the targets ({@link #train}). */
  static final double MAX_STD_RATIO = 100;

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
    String task = request.task().name();
    double lr = config.surrogateLearningRate() > 0 ? config.surrogateLearningRate() : switch (task) {
      case "budget" -> 0.1;
      case "portfolio" -> 0.001;
      default -> 0.01;
    };
    boolean budget = task.equals("budget");
    double sigma = config.samplingStd() > 0 ? config.samplingStd() : task.equals("portfolio") ? 0.1 : 1.0;
    SurrogateFits.Settings settings = new SurrogateFits.Settings(config.alpha(), config.samples(), sigma,
        budget && config.samplingStd() == 0, budget, lr, config.surrogateIterations(), config.surrogatePatience(),
        config.optimalRestarts());
    Dataset train = request.data().train();
    Dataset val = request.data().validation();
    List<Instance> all = new ArrayList<>(train.instances());
    all.addAll(val.instances());
    if (config.samplingStd() > 0) {
      checkSamplingStd(task, all);
    }
    // surrogates use their own stream so the predictor's stream matches the other methods'; one generator per
    // instance, split in instance order, so the fits do not depend on threads or scheduling
    SplittableRandom root = new SplittableRandom(request.seed() ^ 0x10D1L);
    SplittableRandom[] rngs = new SplittableRandom[all.size()];
    for (int i = 0; i < rngs.length; i++) {
      rngs[i] = root.split();
    }
    SurrogateFits.Fit[] fits = SurrogateFits.fitAll(CheckedDecisionProblem.of(request.task()), all, rngs, settings,
        request.threads(), request.progress(), NAME);
    double fitSeconds = (System.nanoTime() - start) / 1e9;
    long afterFits = CpuClock.now();
    double fitMse = 0;
    long solverIterations = 0;
    long fitCpu = 0;
    List<QuadraticSurrogate> surrogates = new ArrayList<>(fits.length);
    for (SurrogateFits.Fit f : fits) {
      surrogates.add(f.surrogate());
      fitMse += f.validationMse();
      solverIterations += f.solverIterations();
      fitCpu += f.cpuNanos();
    }
    InstanceLoss trainLoss = surrogateLoss(surrogates.subList(0, train.size()));
    InstanceLoss valLoss = surrogateLoss(surrogates.subList(train.size(), all.size()));
    LoopSettings s = config.resolve(request.task());
    TrainedPredictor p = PredictorTrainer.train(NAME, request, s, trainLoss, valLoss);
    java.util.Map<String, Double> diag = new java.util.HashMap<>(p.diagnostics());
    diag.put("surrogateFitSeconds", fitSeconds);
    // CPU of every thread: the fits (on the fit threads or this one), then the predictor on this one
    diag.put("surrogateFitCpuSeconds", fitCpu / 1e9);
    diag.put("surrogateSolverIterations", (double) solverIterations);
    diag.put("cpuSeconds", (fitCpu + CpuClock.now() - afterFits) / 1e9);
    diag.put("surrogateValidationMse", fitMse / fits.length);
    diag.put("seconds", (System.nanoTime() - start) / 1e9);
    return new TrainedPredictor(p.model(), p.parameters(), null, null, diag);
  }

  /**
   * A perturbation far larger than the targets replaces them by noise: the perturbed decisions are random, their
   * regrets say nothing about Y, and the surrogates fit numbers of another scale (samplingStd = 1e6 once reported a
   * surrogate validation MSE of 9.3e15 without a word). So an explicit σ may be at most {@value #MAX_STD_RATIO}
   * times the standard deviation of the targets it perturbs; the tasks' reference values are about 0.65 (cubic) and
   * 5 (portfolio) times it.
   */
  private void checkSamplingStd(String task, List<Instance> instances) {
    double spread = SurrogateFits.std(instances.stream().flatMapToDouble(in -> Arrays.stream(in.targets().data()))
        .toArray());
    if (spread > 0 && config.samplingStd() > MAX_STD_RATIO * spread) {
      throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: config field 'samplingStd' = %s is %.3g "
          + "times the standard deviation of task %s's targets (%.3g); at most %.0f times is accepted: larger "
          + "perturbations replace the targets by noise, and the surrogates would fit the regrets of random decisions "
          + "(0 = the task's reference value)", NAME, config.samplingStd(), config.samplingStd() / spread, task, spread,
          MAX_STD_RATIO));
    }
  }

  /** The mean surrogate loss; the trainer calls it from one thread, so one scratch buffer serves every call. */
  private static InstanceLoss surrogateLoss(List<QuadraticSurrogate> surrogates) {
    double[][] work = new double[1][];
    return (index, in, pred, grad, rng) -> {
      int need = 2 * pred.data().length;
      if (work[0] == null || work[0].length < need) {
        work[0] = new double[need];
      }
      return surrogates.get(index).value(pred.data(), grad == null ? null : grad.data(), work[0]);
    };
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
