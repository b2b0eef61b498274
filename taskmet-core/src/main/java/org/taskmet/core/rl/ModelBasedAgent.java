package org.taskmet.core.rl;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.core.implicit.Hypergradient;
import org.taskmet.core.linalg.ConjugateGradient;
import org.taskmet.core.linalg.NormalConjugateGradient;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.optim.Adam;

/**
 * The model-based agent of reference §4: a {@link DynamicsModel} θ, {@link SoftDoubleQ} networks ω with target
 * copy ω̄, and for TaskMet a metric φ. Parameters and Adam states are kept from update to update (warm start).
 * Each {@link #update} samples real transitions from the replay buffer and makes, per {@link ModelLearning}:
 * <ul>
 *   <li>MLE: one Adam step of θ on L_pred with Λ = I (batch 1), then one Q step on model data (batch 2).</li>
 *   <li>OMD: one Q step on model data, then one Adam step of θ along ∇_θ L_task, the implicit gradient of the
 *       real-data Bellman error L_task(ω*(θ)) through the Q step's optimality condition.</li>
 *   <li>TaskMet: one Adam step of θ on L_pred(θ, φ), one Q step on data from the updated model, then (from
 *       {@link AgentConfig#metricWarmupSteps()} on) one Adam step of φ along the nested implicit gradient
 *       ∇_φ L_task = −(∂²L_pred/∂φ∂θ)ᵀ (∂²L_pred/∂θ²)⁻¹ ∇_θ L_task, the model-level solve by normal CG.</li>
 * </ul>
 * In the Q step the inner problem ω*(θ) = argmin_ω L_Q(ω; real s, a, done and model s', r) is taken as solved by
 * the warm-started step (reference: one step per update); ∇_θ L_task = −(∂²L_Q/∂θ∂ω)ᵀ H_ω⁻¹ ∇_ω L_task with H_ω⁻¹
 * the identity or a CG solve ({@link AgentConfig#qLevel()}).
 *
 * <p>Deterministic: all randomness comes from the seed given at construction. Not thread-safe.
 */
public final class ModelBasedAgent {
  private static final double Q_LEVEL_RIDGE = 1e-5;

  private final ModelLearning method;
  private final AgentConfig config;
  private final DynamicsModel model;
  private final SoftDoubleQ q;
  private final MetricParameterization metric;
  private final double[] theta;
  private final double[] omega;
  private final double[] omegaTarget;
  private final double[] phi;
  private final Adam modelOptimizer;
  private final Adam qOptimizer;
  private final Adam metricOptimizer;
  private final ImplicitGradients implicit;
  private final SplittableRandom sampling;
  private final UpdateStats.Accumulator stats = new UpdateStats.Accumulator();

  /**
   * @param metricFactory builds Λ_φ for inputs of d + A values and predictions of d values; required for TaskMet
   *     and ignored by MLE and OMD
   * @param seed initializes all networks and drives the replay sampling
   */
  public ModelBasedAgent(ModelLearning method, AgentConfig config, int observationSize, int actionCount,
      MetricParameterization.Factory metricFactory, long seed) {
    this.method = method;
    this.config = config.validate();
    this.model = new DynamicsModel(observationSize, actionCount, config.hiddenUnits());
    this.q = new SoftDoubleQ(observationSize, actionCount, config.hiddenUnits(), config.discount(),
        config.temperature());
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom init = root.split();
    this.sampling = root.split();
    this.theta = model.initialParameters(init);
    this.omega = q.initialParameters(init);
    this.omegaTarget = omega.clone();
    if (method == ModelLearning.TASKMET) {
      if (metricFactory == null) {
        throw new IllegalArgumentException("TaskMet needs a metric (e.g. the normalized-diagonal plugin)");
      }
      this.metric = metricFactory.create(model.inputSize(), observationSize);
      ImplicitGradients.checkMetric(metric, model, observationSize);
      this.phi = metric.initialParameters(init);
      this.metricOptimizer = new Adam(phi.length, config.metricLearningRate());
    } else {
      this.metric = null;
      this.phi = new double[0];
      this.metricOptimizer = null;
    }
    this.modelOptimizer = new Adam(theta.length, config.modelLearningRate());
    this.qOptimizer = new Adam(omega.length, config.qLearningRate());
    this.implicit = new ImplicitGradients(q, config.qLevel(), new ConjugateGradient(),
        new SolveOptions(Q_LEVEL_RIDGE, config.qCgIterations(), 1e-5, 0.0, null),
        new Hypergradient(new NormalConjugateGradient(), new SolveOptions(0.0, config.modelCgIterations(), 1e-5, 0.0,
            null)));
  }

  public ModelLearning method() {
    return method;
  }

  public AgentConfig config() {
    return config;
  }

  public DynamicsModel model() {
    return model;
  }

  public SoftDoubleQ qNetworks() {
    return q;
  }

  /** The metric of TaskMet, or {@code null}. */
  public MetricParameterization metric() {
    return metric;
  }

  /** θ, live (do not modify). */
  public double[] modelParameters() {
    return theta;
  }

  /** ω, live (do not modify). */
  public double[] qParameters() {
    return omega;
  }

  /** φ, live (do not modify); empty unless TaskMet. */
  public double[] metricParameters() {
    return phi;
  }

  /** Samples an action of the current policy softmax(½(Q₁ + Q₂)/α). */
  public int act(double[] observation, RandomGenerator rng) {
    return q.sampleAction(omega, observation, rng);
  }

  /**
   * One update from the replay buffer.
   *
   * @param environmentStep the number of environment steps taken so far (gates the metric warm-up)
   */
  public void update(ReplayBuffer buffer, long environmentStep) {
    switch (method) {
      case MLE -> updateMle(buffer);
      case OMD -> updateOmd(buffer);
      case TASKMET -> updateTaskMet(buffer, environmentStep >= config.metricWarmupSteps());
      default -> throw new AssertionError(method);
    }
  }

  /** Averages of the update diagnostics since the last call, then starts a new window. */
  public UpdateStats drainStats() {
    return stats.drain();
  }

  private void updateMle(ReplayBuffer buffer) {
    Transitions fit = buffer.sample(config.batchSize(), sampling);
    DynamicsModel.PredictionLoss loss = model.loss(theta, null, phi, model.inputs(fit.observations(), fit.actions()),
        fit.nextObservations(), fit.rewards());
    modelOptimizer.step(theta, loss.gradient());
    stats.modelError(loss.stateResiduals());
    Transitions real = buffer.sample(config.batchSize(), sampling);
    qStep(real, model.predict(theta, model.inputs(real.observations(), real.actions())));
  }

  private void updateOmd(ReplayBuffer buffer) {
    Transitions real = buffer.sample(config.batchSize(), sampling);
    Matrix x = model.inputs(real.observations(), real.actions());
    DynamicsModel.Prediction prediction = model.predict(theta, x);
    stats.modelError(residuals(prediction.nextObservations(), real.nextObservations()));
    qStep(real, prediction);
    modelOptimizer.step(theta, implicitModelGradient(real, prediction));
  }

  private void updateTaskMet(ReplayBuffer buffer, boolean updateMetric) {
    Transitions real = buffer.sample(config.batchSize(), sampling);
    Matrix x = model.inputs(real.observations(), real.actions());
    DynamicsModel.PredictionLoss before = model.loss(theta, metric, phi, x, real.nextObservations(), real.rewards());
    if (config.resetModelAdam()) {
      modelOptimizer.reset();
    }
    modelOptimizer.step(theta, before.gradient());
    // φ has not moved: the metric pass of the loss before the step serves the loss after it
    DynamicsModel.PredictionLoss after = before.atModel(theta);
    stats.modelError(after.stateResiduals());
    DynamicsModel.Prediction prediction = after.prediction();
    qStep(real, prediction);
    if (!updateMetric) {
      return;
    }
    double[] taskGradientTheta = implicitModelGradient(real, prediction);
    Hypergradient.Result h;
    try {
      h = implicit.metricGradient(after, taskGradientTheta);
    } catch (ArithmeticException e) {
      stats.metricStepSkipped();
      return;
    }
    stats.metricStep(norm(h.gradientPhi()), h.solve().residualNorm(), h.solve().iterations());
    metricOptimizer.step(phi, h.gradientPhi());
  }

  /** One Adam step of ω on the Bellman loss of model transitions, then the Polyak update of ω̄. */
  private void qStep(Transitions real, DynamicsModel.Prediction prediction) {
    SoftDoubleQ.Targets targets = q.targets(omegaTarget, prediction.nextObservations(), prediction.rewards(),
        real.notDone());
    SoftDoubleQ.BellmanLoss loss = q.loss(omega, real.observations(), real.actions(), targets.values());
    qOptimizer.step(omega, loss.gradient());
    SoftDoubleQ.polyakUpdate(omegaTarget, omega, config.targetSmoothing());
    stats.qLoss(loss.value());
  }

  /** ∇_θ L_task at the current ω, ω̄ (after the Q step), with its diagnostics recorded. */
  private double[] implicitModelGradient(Transitions real, DynamicsModel.Prediction prediction) {
    ImplicitGradients.ModelGradient g = implicit.modelGradient(omega, omegaTarget, real, prediction);
    stats.taskLoss(g.taskLoss());
    if (g.qSolveFellBack()) {
      stats.qSolveFellBack();
    }
    return g.gradient();
  }

  private static Matrix residuals(Matrix predicted, Matrix actual) {
    double[] p = predicted.data();
    double[] a = actual.data();
    double[] e = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      e[i] = p[i] - a[i];
    }
    return new Matrix(predicted.rows(), predicted.cols(), e);
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
