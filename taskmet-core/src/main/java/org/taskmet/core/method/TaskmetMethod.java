package org.taskmet.core.method;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.auto.service.AutoService;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.taskmet.api.Dataset;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.Model;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.api.PluginProviderBase;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.api.TrainingMethod;
import org.taskmet.api.TrainingRequest;
import org.taskmet.core.implicit.Hypergradient;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.metric.InstanceBatch;
import org.taskmet.core.metric.MahalanobisLoss;
import org.taskmet.core.metric.MetricCache;
import org.taskmet.core.optim.Adam;
import org.taskmet.core.optim.GradientClipping;
import org.taskmet.core.plugin.CheckedDecisionProblem;

/**
 * TaskMet (Bansal et al. 2023), Algorithm 1 as implemented by the reference (taskmet.md §1.5):
 * <pre>
 * θ ← init, φ ← init; AdamP(θ, task lr); AdamM(φ, metricLearningRate)
 * for t = 0 .. outerIterations−1:
 *   inner: K = innerIterationsFirst if t = 0 else innerIterations steps of AdamP on the Mahalanobis loss of
 *          innerBatchSize random train instances (θ and AdamP state warm-started across outer steps),
 *          gradient clipped to norm gradClip, stop early when its norm &lt; gradStopThreshold
 *   outer: L_task = mean over outerBatchSize random train instances of −obj(z_soft(f_θ*(X)), Y) (+ dflAlpha·MSE)
 *          ∇φ = −(∂²L_pred/∂φ∂θ)ᵀ H⁻¹ ∇θ L_task (normal CG, cgIterations, ridge cgRidge; H and the mixed
 *          product on hypergradientBatchSize random train instances)
 *   every validationEvery outer steps: validation loss −DQ_soft (+ dflAlpha·MSE) with θ*; keep the best (θ, φ)
 *   AdamM step on φ; stop when more than patience outer steps passed since the best validation loss
 * return the best (θ, φ)
 * </pre>
 * Deviations from the reference, documented: the implicit-differentiation subset is drawn once per outer
 * step (the reference redraws it inside every Hessian evaluation), and an outer step whose hypergradient is
 * not finite skips the metric update (the reference falls back to the old parameters). Plugin {@code taskmet}.
 */
public final class TaskmetMethod implements TrainingMethod {
  /** The plugin name. */
  public static final String NAME = "taskmet";
  private static final Logger LOG = LoggerFactory.getLogger(TaskmetMethod.class);

  /**
   * All hyperparameters of Algorithm 1; defaults are the reference values (taskmet.md §1.6).
   *
   * @param metric metric plugin name ({@code taskmet-mlp})
   * @param outerIterations maximum outer (metric) steps (1000)
   * @param innerIterationsFirst inner predictor steps at the first outer step (500)
   * @param innerIterations inner predictor steps at later outer steps (100)
   * @param innerBatchSize instances per inner step (10)
   * @param gradClip gradient-norm clip of the inner steps (1.0)
   * @param gradStopThreshold inner loop stops when the clipped gradient norm is below this (1e-3)
   * @param hypergradientBatchSize instances the Hessian and mixed product are evaluated on (10)
   * @param cgIterations normal-CG iterations of the implicit solve (5)
   * @param cgRidge ridge of the normal-CG solve (1e-5)
   * @param metricLearningRate Adam lr of the metric (1e-3)
   * @param outerBatchSize instances of the task loss per outer step; 0 = the task's outer batch size
   * @param predictorLearningRate inner Adam lr; 0 = the task's
   * @param validationEvery validation period in outer steps (10)
   * @param patience early-stopping patience in outer steps (100)
   * @param dflAlpha weight of an MSE term in the outer loss (0 in TaskMet)
   * @param metricConfig overrides of the metric plugin's config defaults, e.g. {@code {rank: 4}}; set single
   *     fields from the command line as {@code --set metricConfig.rank=4} (empty: the metric's defaults)
   */
  public record Config(
      String metric, int outerIterations, int innerIterationsFirst, int innerIterations, int innerBatchSize,
      double gradClip, double gradStopThreshold, int hypergradientBatchSize, int cgIterations, double cgRidge,
      double metricLearningRate, int outerBatchSize, double predictorLearningRate, int validationEvery, int patience,
      double dflAlpha,
      // left out of result files while empty, so trials recorded before this field keep their ids
      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Object> metricConfig) {
    public Config {
      metricConfig = metricConfig == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metricConfig));
    }

    /** With the metric's default config. */
    public Config(
        String metric, int outerIterations, int innerIterationsFirst, int innerIterations, int innerBatchSize,
        double gradClip, double gradStopThreshold, int hypergradientBatchSize, int cgIterations, double cgRidge,
        double metricLearningRate, int outerBatchSize, double predictorLearningRate, int validationEvery, int patience,
        double dflAlpha) {
      this(metric, outerIterations, innerIterationsFirst, innerIterations, innerBatchSize, gradClip, gradStopThreshold,
          hypergradientBatchSize, cgIterations, cgRidge, metricLearningRate, outerBatchSize, predictorLearningRate,
          validationEvery, patience, dflAlpha, Map.of());
    }

    public static Config defaults() {
      return new Config("taskmet-mlp", 1000, 500, 100, 10, 1.0, 1e-3, 10, 5, 1e-5, 1e-3, 0, 0, 10, 100, 0);
    }

    Config validate() {
      if (metric == null || metric.isBlank()) {
        throw new IllegalArgumentException(NAME + ": config field 'metric' must name a metric plugin");
      }
      ConfigChecks.atLeast(NAME, "outerIterations", outerIterations, 0);
      ConfigChecks.atLeast(NAME, "innerIterationsFirst", innerIterationsFirst, 0);
      ConfigChecks.atLeast(NAME, "innerIterations", innerIterations, 0);
      ConfigChecks.atLeast(NAME, "innerBatchSize", innerBatchSize, 1);
      ConfigChecks.above(NAME, "gradClip", gradClip, 0);
      ConfigChecks.inRange(NAME, "gradStopThreshold", gradStopThreshold, 0, 1e6);
      ConfigChecks.atLeast(NAME, "hypergradientBatchSize", hypergradientBatchSize, 1);
      ConfigChecks.atLeast(NAME, "cgIterations", cgIterations, 1);
      ConfigChecks.inRange(NAME, "cgRidge", cgRidge, 0, 1e6);
      ConfigChecks.inRange(NAME, "metricLearningRate", metricLearningRate, 0, 10);
      ConfigChecks.atLeast(NAME, "outerBatchSize", outerBatchSize, 0);
      ConfigChecks.inRange(NAME, "predictorLearningRate", predictorLearningRate, 0, 10);
      ConfigChecks.atLeast(NAME, "validationEvery", validationEvery, 1);
      ConfigChecks.atLeast(NAME, "patience", patience, 0);
      ConfigChecks.inRange(NAME, "dflAlpha", dflAlpha, 0, 1e6);
      return this;
    }
  }

  /**
   * What one outer step did, for diagnosing a run (docs/portfolio.md). Computed only when a trace listener
   * is given: the residual costs one more Hessian-vector product and the metric summary a metric forward
   * pass over the validation rows.
   *
   * @param step the outer step t
   * @param innerSteps inner predictor steps taken at this outer step
   * @param innerGradientNorm gradient norm of the last inner step, before clipping (the inner loop's convergence)
   * @param taskLoss mean task loss of the outer batch at θ* (−DQ with the training solver, + dflAlpha·MSE)
   * @param cgIterations iterations of the implicit solve
   * @param implicitResidual ‖H u − ∇θL_task‖ / ‖∇θL_task‖ of the implicit solve, on the true (not the normal) system
   * @param hypergradientNorm ‖∇φ L_task‖
   * @param validationLoss the validation loss when this step validated, else NaN
   * @param metricMean mean over validation rows of trace(Λ_φ(x))/n, with φ before this step's update
   * @param metricMin the smallest of those per-row values
   * @param metricMax the largest
   * @param predictionSpread standard deviation of the predictions f_θ*(x) over the validation rows (0 when the
   *     predictor has collapsed to a constant)
   */
  public record OuterStep(int step, int innerSteps, double innerGradientNorm, double taskLoss, int cgIterations,
      double implicitResidual, double hypergradientNorm, double validationLoss, double metricMean, double metricMin,
      double metricMax, double predictionSpread) {}

  private final Config config;
  private final MetricParameterization.Factory metricFactory;
  private final Consumer<OuterStep> trace;

  /**
   * Builds the metric plugin {@code config.metric()} with {@code config.metricConfig()}, from the plugins visible
   * to the context class loader (the class path and, in the CLI, the plugin path).
   */
  public TaskmetMethod(Config config) {
    this(config, MetricPlugins.create(config.validate().metric(), config.metricConfig()));
  }

  /** With an explicit metric factory (library use, tests); {@code config.metric()} is then only a label. */
  public TaskmetMethod(Config config, MetricParameterization.Factory metricFactory) {
    this(config, metricFactory, null);
  }

  /** With the metric plugin {@code config.metric()} and a listener that receives every {@link OuterStep}. */
  public static TaskmetMethod traced(Config config, Consumer<OuterStep> trace) {
    return new TaskmetMethod(config, MetricPlugins.create(config.validate().metric(), config.metricConfig()), trace);
  }

  /** With a listener that receives an {@link OuterStep} after every outer step (null: none). */
  public TaskmetMethod(Config config, MetricParameterization.Factory metricFactory, Consumer<OuterStep> trace) {
    this.config = config.validate();
    this.metricFactory = metricFactory;
    this.trace = trace;
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
    Dataset train = request.data().train();
    Dataset val = request.data().validation();
    if (train.size() == 0 || val.size() == 0) {
      throw new IllegalArgumentException(NAME + ": needs non-empty train and validation sets, got "
          + train.size() + " and " + val.size() + " instances");
    }
    int f = train.get(0).features().cols();
    int n = train.get(0).targets().cols();
    SplittableRandom root = new SplittableRandom(request.seed());
    SplittableRandom initRng = root.split();
    SplittableRandom batchRng = root.split();
    SplittableRandom solverRng = root.split();
    SplittableRandom metricRng = root.split();
    Model model = request.modelFactory().create(f, n);
    MetricParameterization metric = metricFactory.create(f, n);
    MahalanobisLoss predLoss = new MahalanobisLoss(model, metric);
    double[] theta = model.initialParameters(initRng);
    double[] phi = metric.initialParameters(metricRng);
    int outerBatchSize = LoopSettings.batchSize(request.task(), config.outerBatchSize());
    Adam adamP = new Adam(theta.length, LoopSettings.learningRate(request.task(), config.predictorLearningRate()));
    Adam adamM = new Adam(phi.length, config.metricLearningRate());
    Hypergradient hyper = Hypergradient.named("normal-cg", new SolveOptions(config.cgRidge(), config.cgIterations(),
        1e-5, 0.0, null));
    DecisionLoss taskLoss = new DecisionLoss(CheckedDecisionProblem.of(request.task()), config.dflAlpha());
    StackedRows valRows = StackedRows.all(val);
    int[] scratch = StackedRows.range(train.size());
    PassSlot outerPass = new PassSlot();
    PassSlot validationPass = new PassSlot();

    double best = Double.POSITIVE_INFINITY;
    double[] bestTheta = theta.clone();
    double[] bestPhi = phi.clone();
    int bestStep = -1;
    long innerSteps = 0;
    int skipped = 0;
    int t = 0;
    double outerSeconds = 0;
    double outerCpuSeconds = 0;
    for (; t < config.outerIterations(); t++) {
      long t0 = System.nanoTime();
      long c0 = CpuClock.now();
      int k = t == 0 ? config.innerIterationsFirst() : config.innerIterations();
      // φ is fixed in the inner loop: Λ of every training row once per outer step, not once per inner step
      MetricCache frozen = k > 0 ? MetricCache.compute(metric, phi, train.instances()) : null;
      int innerThisStep = 0;
      double lastNorm = Double.NaN;
      for (int i = 0; i < k; i++) {
        int[] picked = StackedRows.sample(batchRng, scratch, config.innerBatchSize());
        double[] g = predLoss.atFixedMetric(theta, frozen.batch(picked), frozen.lambdaRows(picked)).gradientTheta()
            .clone();
        double norm = GradientClipping.clipByNorm(g, config.gradClip());
        adamP.step(theta, g);
        innerSteps++;
        innerThisStep++;
        lastNorm = norm;
        if (Math.min(norm, config.gradClip()) < config.gradStopThreshold()) {
          break;
        }
      }
      // outer: task-loss gradient at θ* through the differentiable solver
      int[] outer = StackedRows.sample(batchRng, scratch, outerBatchSize);
      StackedRows rows = StackedRows.of(train, outer);
      ForwardPass pass = outerPass.forward(model, theta, rows.features());
      Matrix cot = Matrix.zeros(pass.output().rows(), pass.output().cols());
      double outerLoss = 0;
      for (int b = 0; b < rows.count(); b++) {
        Matrix pred = rows.slice(pass.output(), b);
        Matrix g = Matrix.zeros(pred.rows(), pred.cols());
        outerLoss += taskLoss.value(outer[b], train.get(outer[b]), pred, g, solverRng) / rows.count();
        rows.place(g, b, cot, 1.0 / rows.count());
      }
      double[] taskGradTheta = model.vjp(pass, cot);
      InstanceBatch ift = batch(train, StackedRows.sample(batchRng, scratch, config.hypergradientBatchSize()));
      MahalanobisLoss.Evaluation atOptimum = predLoss.at(theta, phi, ift);
      Hypergradient.Result hg = hyper.compute(atOptimum, taskGradTheta, null);
      double validationLoss = Double.NaN;
      if (t % config.validationEvery() == 0) {
        double v = PredictorTrainer.validate(model, theta, valRows, val, taskLoss, solverRng, validationPass);
        validationLoss = v;
        if (v < best) {
          best = v;
          bestStep = t;
          System.arraycopy(theta, 0, bestTheta, 0, theta.length);
          System.arraycopy(phi, 0, bestPhi, 0, phi.length);
        }
        request.progress().progress(t + 1, config.outerIterations(), NAME + " outer " + t + " val loss "
            + String.format("%.4g", v) + " (best " + String.format("%.4g", best) + " at " + bestStep + ")");
      }
      if (trace != null) {
        trace.accept(outerStep(t, innerThisStep, lastNorm, outerLoss, atOptimum, taskGradTheta, hg, validationLoss,
            metric, phi, spread(model.forward(theta, valRows.features()).output()), valRows.features(), n));
      }
      if (isFinite(hg.gradientPhi())) {
        adamM.step(phi, hg.gradientPhi());
      } else {
        skipped++;
        LOG.warn("taskmet: non-finite hypergradient at outer step {}; metric update skipped", t);
      }
      outerSeconds += (System.nanoTime() - t0) / 1e9;
      outerCpuSeconds += (CpuClock.now() - c0) / 1e9;
      if (t - bestStep > config.patience()) {
        t++;
        break;
      }
    }
    if (bestStep < 0) {
      // no outer step ran (outerIterations = 0): the checkpoint is the predictor after no training
      best = PredictorTrainer.validate(model, theta, valRows, val, taskLoss, solverRng, validationPass);
    }
    Map<String, Double> diag = new HashMap<>();
    diag.put("outerSteps", (double) t);
    diag.put("innerSteps", (double) innerSteps);
    diag.put("bestOuterStep", (double) bestStep);
    diag.put("bestValidationLoss", best);
    diag.put("skippedHypergradients", (double) skipped);
    diag.put("secondsPerOuterStep", t > 0 ? outerSeconds / t : 0);
    diag.put("cpuSecondsPerOuterStep", t > 0 ? outerCpuSeconds / t : 0);
    diag.put("seconds", (System.nanoTime() - start) / 1e9);
    diag.put("cpuSeconds", (CpuClock.now() - cpuStart) / 1e9);
    return new TrainedPredictor(model, bestTheta, metric, bestPhi, diag);
  }

  private static OuterStep outerStep(int t, int inner, double innerNorm, double taskLoss,
      MahalanobisLoss.Evaluation atOptimum, double[] g, Hypergradient.Result hg, double validationLoss,
      MetricParameterization metric, double[] phi, double predictionSpread, Matrix validationFeatures, int n) {
    double[] hu = atOptimum.hessianVectorProduct(hg.adjoint());
    double res = 0;
    double norm = 0;
    for (int i = 0; i < g.length; i++) {
      res += (hu[i] - g[i]) * (hu[i] - g[i]);
      norm += g[i] * g[i];
    }
    double hgNorm = 0;
    for (double v : hg.gradientPhi()) {
      hgNorm += v * v;
    }
    Matrix lambda = metric.forward(phi, validationFeatures).output();
    double sum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < lambda.rows(); r++) {
      double tr = 0;
      for (int i = 0; i < n; i++) {
        tr += lambda.get(r, i * n + i);
      }
      tr /= n;
      sum += tr;
      min = Math.min(min, tr);
      max = Math.max(max, tr);
    }
    return new OuterStep(t, inner, innerNorm, taskLoss, hg.solve().iterations(), Math.sqrt(res / norm),
        Math.sqrt(hgNorm), validationLoss, sum / lambda.rows(), min, max, predictionSpread);
  }

  private static double spread(Matrix m) {
    double[] v = m.data();
    double mean = 0;
    for (double x : v) {
      mean += x / v.length;
    }
    double ss = 0;
    for (double x : v) {
      ss += (x - mean) * (x - mean);
    }
    return Math.sqrt(ss / v.length);
  }

  private static InstanceBatch batch(Dataset data, int[] indices) {
    return InstanceBatch.of(data.select(indices).instances());
  }

  private static boolean isFinite(double[] v) {
    for (double x : v) {
      if (!Double.isFinite(x)) {
        return false;
      }
    }
    return true;
  }

  /** The {@code taskmet} plugin. */
  @AutoService(PluginProvider.class)
  public static final class Provider extends PluginProviderBase<TrainingMethod, Config> {
    public Provider() {
      super(NAME, PluginKind.METHOD,
          "TaskMet: learn a metric for the prediction loss by implicit differentiation of the task loss",
          Config.class, Config.defaults(), TaskmetMethod::new);
    }
  }
}
