package org.taskmet.embed;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.taskmet.api.DecisionProblem;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.Model;
import org.taskmet.api.Task;
import org.taskmet.api.TaskShape;
import org.taskmet.api.TrainedPredictor;
import org.taskmet.core.nn.Sequential;
import org.taskmet.core.plugin.CheckedDecisionProblem;

/**
 * A trained predictor bound to its task: today's features in, predictions or the task's decision out, with the
 * {@link TrainingSpec} that trained it. Get one from {@link Taskmet#train} or {@link Taskmet#load}.
 *
 * <pre>{@code
 * Predictor predictor = Taskmet.discover().load(Path.of("portfolio.json"), "portfolio");
 * double[] weights = predictor.decide(features, Map.of("cholesky", riskFactor));
 * }</pre>
 *
 * <p><b>Immutable and thread-safe.</b> A predictor holds private copies of its parameters, which nothing writes
 * after construction (its one cache, the checked decision problem, is set once and races harmlessly); share one
 * instance between request threads. A decision is a pure function of the
 * features and side data: concurrent callers get bit-identical decisions to a single-threaded call. (This
 * holds when the task's evaluation solver keeps no state between calls, as the {@code Solver} contract asks
 * and the built-in solvers do.)
 *
 * <p><b>Allocation.</b> For the built-in {@code mlp} model each thread keeps one set of activation buffers
 * per predictor, made on its first call, so a decision allocates only its result, the predictions and what
 * the task's solver allocates. The weight copies (in both orientations) are built when the predictor is created,
 * so no call does one-time work beyond the JIT's and a few small objects on the first decision.
 *
 * <p><b>Bad requests</b> throw {@link IllegalArgumentException} naming the task and what was expected: features
 * of the wrong shape, a NaN or infinite value, side data the decision needs but the request lacks.
 */
public final class Predictor {
  /**
   * The seed of the random generator every decision gets, so a decision is a pure function of its request
   * (solvers with random restarts, such as the budget task's, draw from it).
   */
  public static final long DECISION_SEED = 0;

  private final TrainingSpec spec;
  private final Task task;
  private final TaskShape shape;
  private final TrainedPredictor trained;
  private final PluginRef model;
  private final PluginRef metric;
  /**
   * The task's decision problem behind the library's boundary checks (decision sizes, finiteness, validate): made on
   * the first decision (a few small objects; a race makes two equal ones), so a predictor of a task that only
   * predicts can be built.
   */
  private volatile DecisionProblem checkedProblem;
  /** Stands in for the true targets, unknown at decision time: NaN, so a solver that read them would be caught. */
  private final Matrix unknownTargets;
  /** The fast path of the built-in model; null for a model plugin of another kind (then through its forward). */
  private final Sequential.Inference inference;
  private final ThreadLocal<Sequential.Buffers> buffers;

  private Predictor(TrainingSpec spec, Task task, TrainedPredictor trained, PluginRef model, PluginRef metric) {
    this.spec = spec;
    this.task = task;
    this.shape = task.shape();
    this.trained = trained;
    this.model = model;
    this.metric = metric;
    double[] nan = new double[shape.items() * shape.outputs()];
    Arrays.fill(nan, Double.NaN);
    this.unknownTargets = new Matrix(shape.items(), shape.outputs(), nan);
    if (trained.model() instanceof Sequential s) {
      Sequential.Inference inf = s.inference(trained.parameters());
      this.inference = inf;
      this.buffers = ThreadLocal.withInitial(() -> inf.newBuffers(shape.items()));
    } else {
      this.inference = null;
      this.buffers = null;
    }
  }

  /**
   * A predictor from its parts, for code that trains outside {@link Taskmet#train} (the parameters are
   * copied).
   *
   * @param spec what trained it (stored in its file as its provenance)
   * @param task the task it predicts for; its name must be {@code spec.task()}
   * @param trained the model and parameters, and the learned metric if any
   * @param model the model plugin that rebuilds {@code trained.model()} when the file is loaded
   * @param metric the metric plugin that rebuilds {@code trained.metric()}, or {@code null} when it has none
   * @throws IllegalArgumentException when the parts do not fit together, naming what does not
   */
  public static Predictor of(TrainingSpec spec, Task task, TrainedPredictor trained, PluginRef model,
      PluginRef metric) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(trained, "trained");
    Objects.requireNonNull(model, "model");
    if (!task.name().equals(spec.task())) {
      throw new IllegalArgumentException("the spec names task '" + spec.task() + "' but the task is '" + task.name()
          + "'");
    }
    TaskShape shape = task.shape();
    Model m = trained.model();
    if (m.inputSize() != shape.features() || m.outputSize() != shape.outputs()) {
      throw new IllegalArgumentException("the model maps " + m.inputSize() + " features to " + m.outputSize()
          + " outputs per item; task '" + task.name() + "' has " + shape.features() + " features and "
          + shape.outputs() + " outputs");
    }
    if (trained.parameters().length != m.parameterCount()) {
      throw new IllegalArgumentException("the model needs " + m.parameterCount() + " parameters, got "
          + trained.parameters().length);
    }
    if ((trained.metric() == null) != (metric == null)) {
      throw new IllegalArgumentException(trained.metric() == null
          ? "a metric plugin '" + metric.name() + "' is named but the predictor has no learned metric"
          : "the predictor has a learned metric but no metric plugin is named to rebuild it");
    }
    TrainedPredictor copy = new TrainedPredictor(m, trained.parameters().clone(), trained.metric(),
        trained.metricParameters() == null ? null : trained.metricParameters().clone(), trained.diagnostics());
    return new Predictor(spec, task, copy, model, metric);
  }

  /** What trained this predictor: task, method, their configs and the seeds. */
  public TrainingSpec spec() {
    return spec;
  }

  /** The task it predicts for (built from {@code spec().task()} and {@code spec().taskConfig()}). */
  public Task task() {
    return task;
  }

  /** The sizes of a request: {@code items} rows of {@code features} columns in, {@code outputs} per item out. */
  public TaskShape shape() {
    return shape;
  }

  /** The model plugin and config this predictor's model is rebuilt with. */
  public PluginRef model() {
    return model;
  }

  /** The metric plugin of the learned metric (TaskMet's Λ(x)), when the method learns one. */
  public Optional<PluginRef> metric() {
    return Optional.ofNullable(metric);
  }

  /** Named scalars of the training run (steps, best validation loss, …). */
  public Map<String, Double> diagnostics() {
    return trained.diagnostics();
  }

  /** The model with a copy of its parameters (and the learned metric), for analysis beyond decisions. */
  public TrainedPredictor trained() {
    return new TrainedPredictor(trained.model(), trained.parameters().clone(), trained.metric(),
        trained.metricParameters() == null ? null : trained.metricParameters().clone(), trained.diagnostics());
  }

  /**
   * The predictions for one request.
   *
   * @param features {@code items × features} (see {@link #shape()}), finite
   * @return {@code items × outputs}, a new matrix
   * @throws IllegalArgumentException when the features have another shape or a non-finite value
   */
  public Matrix predict(Matrix features) {
    checkFeatures(features);
    Matrix out;
    if (inference != null) {
      out = new Matrix(shape.items(), shape.outputs(), inference.predict(features, buffers.get()).clone());
    } else {
      out = trained.model().forward(trained.parameters(), features).output();
    }
    requireFinite(out, "the model's prediction", IllegalStateException::new);
    return out;
  }

  /** The decision for a task that needs no side data (e.g. budget, cubic); see {@link #decide(Matrix, Map)}. */
  public double[] decide(Matrix features) {
    return decide(features, Map.of());
  }

  /**
   * The task's decision for one request: the predictions, then the task's evaluation (hard) solver, with a
   * random generator seeded by {@link #DECISION_SEED}. The true targets are unknown at decision time: the
   * solver sees an instance whose targets are NaN. The library checks the solver's decision (its length and
   * finiteness) as everywhere else.
   *
   * @param features {@code items × features} (see {@link #shape()}), finite
   * @param sideData the named matrices the decision needs besides the predictions, as the task's instances
   *     carry them: portfolio needs {@code "cholesky"}, the lower Cholesky factor L of the day's
   *     covariance (assets × assets); budget and cubic need none
   * @return the decision vector (portfolio: the weight of each asset; budget: the spend per channel)
   * @throws IllegalArgumentException naming the task and what was expected, for a bad request
   */
  public double[] decide(Matrix features, Map<String, Matrix> sideData) {
    Objects.requireNonNull(sideData, "sideData (Map.of() when the task needs none)");
    Matrix predictions = predict(features);
    for (Map.Entry<String, Matrix> e : sideData.entrySet()) {
      requireFinite(e.getValue(), "side data '" + e.getKey() + "'", IllegalArgumentException::new);
    }
    Instance request = new Instance(features, unknownTargets, sideData);
    return problem().evaluationSolver().solve(predictions, request, new SplittableRandom(DECISION_SEED)).decision();
  }

  /**
   * Writes this predictor to {@code file} (JSON, format {@code taskmet-predictor/1}); the file appears complete
   * or not at all.
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be written
   */
  public void save(Path file) {
    PredictorFile.write(file, this);
  }

  /** The text {@link #save} writes: a predictor file's content, for callers that store it themselves. */
  public String toJson() {
    return PredictorFile.json(this);
  }

  @Override
  public String toString() {
    return "Predictor[task " + spec.task() + ", method " + spec.method() + ", seed " + spec.seed()
        + ", dataset seed " + spec.datasetSeed() + ", model " + model.name() + "]";
  }

  private DecisionProblem problem() {
    DecisionProblem p = checkedProblem;
    if (p == null) {
      p = CheckedDecisionProblem.of(task);
      checkedProblem = p;
    }
    return p;
  }

  private void checkFeatures(Matrix features) {
    Objects.requireNonNull(features, "features");
    if (features.rows() != shape.items() || features.cols() != shape.features()) {
      throw new IllegalArgumentException(task.name() + " predictor: features must be " + shape.items() + "x"
          + shape.features() + " (items x features), got " + features.shape());
    }
    requireFinite(features, "features", IllegalArgumentException::new);
  }

  private <E extends RuntimeException> void requireFinite(Matrix m, String what, Function<String, E> error) {
    double[] d = m.data();
    for (int i = 0; i < d.length; i++) {
      if (!Double.isFinite(d[i])) {
        throw error.apply(task.name() + " predictor: " + what + "[" + i / m.cols() + "][" + i % m.cols() + "] is "
            + d[i] + "; expected a finite value");
      }
    }
  }
}
