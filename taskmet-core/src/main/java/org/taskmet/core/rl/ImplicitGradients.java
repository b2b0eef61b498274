package org.taskmet.core.rl;

import org.taskmet.api.MetricParameterization;
import org.taskmet.core.implicit.Hypergradient;
import org.taskmet.core.linalg.LinearSolver;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.linalg.SolveResult;

/**
 * The implicit gradients of OMD and TaskMet (reference §4.3) at given parameters on one batch of real
 * transitions. With the inner problems
 * <pre>
 *   θ*(φ) = argmin_θ L_pred(θ, φ)                   (model level, TaskMet only)
 *   ω*(θ) = argmin_ω L_Q(ω; s, a, done, ŝ'_θ, r̂_θ)    (Q level: Bellman loss on model transitions, ω̄ fixed)
 *   L_task(ω) = L_Q(ω; s, a, done, s', r)          (the Bellman loss on the real transitions)
 * </pre>
 * the implicit function theorem at each level gives
 * <pre>
 *   ∇_θ L_task = −(∂²L_Q/∂θ∂ω)ᵀ (∂²L_Q/∂ω²)⁻¹ ∇_ω L_task
 *   ∇_φ L_task = −(∂²L_pred/∂φ∂θ)ᵀ (∂²L_pred/∂θ²)⁻¹ ∇_θ L_task
 * </pre>
 * The Q-level inverse is the identity or a solve ({@link AgentConfig.QLevel}); the model level is solved by the
 * given linear solver (TaskMet: normal CG, 10 iterations, no ridge). ∂²L_Q/∂θ∂ω is applied without forming it:
 * the Q networks' Jacobian-vector product gives how ∇_ω L_Q·g moves with each Bellman target, and the targets'
 * derivatives backpropagate through the target networks and the model.
 *
 * <p>Holds solver workspaces: one instance per thread.
 */
public final class ImplicitGradients {
  private final SoftDoubleQ q;
  private final AgentConfig.QLevel qLevel;
  private final LinearSolver qSolver;
  private final SolveOptions qOptions;
  private final Hypergradient modelLevel;

  /**
   * @param qSolver and {@code qOptions}: the Q-level solve when {@code qLevel} is CG (ignored for the identity)
   * @param modelLevel the model-level solve and mixed product
   */
  public ImplicitGradients(SoftDoubleQ q, AgentConfig.QLevel qLevel, LinearSolver qSolver, SolveOptions qOptions,
      Hypergradient modelLevel) {
    this.q = q;
    this.qLevel = qLevel;
    this.qSolver = qSolver;
    this.qOptions = qOptions;
    this.modelLevel = modelLevel;
  }

  /**
   * ∇_θ L_task with its by-products.
   *
   * @param gradient ∇_θ L_task
   * @param taskLoss L_task(ω)
   * @param qSolveFellBack the Q-level solve broke down (indefinite Hessian) and the identity was used instead
   */
  public record ModelGradient(double[] gradient, double taskLoss, boolean qSolveFellBack) {}

  /**
   * ∇_θ L_task at (ω, ω̄) for the model whose predictions on the batch are {@code prediction}.
   *
   * @param real the real transitions (s, a, r, s', done)
   */
  public ModelGradient modelGradient(double[] omega, double[] omegaTarget, Transitions real,
      DynamicsModel.Prediction prediction) {
    SoftDoubleQ.Targets realTargets = q.targets(omegaTarget, real.nextObservations(), real.rewards(), real.notDone());
    SoftDoubleQ.BellmanLoss task = q.loss(omega, real.observations(), real.actions(), realTargets.values());
    SoftDoubleQ.Targets modelTargets = q.targets(omegaTarget, prediction.nextObservations(), prediction.rewards(),
        real.notDone());
    double[] g = task.gradient();
    boolean fellBack = false;
    if (qLevel == AgentConfig.QLevel.CG) {
      // the same ω and states as the task loss: its forward passes serve the inner loss too
      SoftDoubleQ.BellmanLoss inner = task.withTargets(modelTargets.values());
      try {
        SolveResult r = qSolver.solve(inner.hessian(), g, qOptions);
        g = r.solution();
      } catch (ArithmeticException e) {
        fellBack = true;
      }
    }
    // ∇_ω L_Q = (1/B) Σ_b Σ_i (Q_i − y_b) ∇_ω Q_i, so −∂(∇_ω L_Q·g)/∂y_b = t_b: the real and the model loss
    // share the states and actions, hence the Jacobian of the Q networks
    double[] t = task.targetCotangent(g);
    double[] gradient = prediction.vjp(modelTargets.nextObservationCotangent(t), t);
    return new ModelGradient(gradient, task.value(), fellBack);
  }

  /**
   * ∇_φ L_task from ∇_θ L_task, at the (θ, φ) where {@code atModel} was evaluated.
   *
   * @throws ArithmeticException when the model-level solve breaks down
   */
  public Hypergradient.Result metricGradient(DynamicsModel.PredictionLoss atModel, double[] taskGradientTheta) {
    return modelLevel.compute(atModel.hessian(), taskGradientTheta, atModel::mixedProduct, null);
  }

  /** A convenience for callers that hold the metric: checks it was built for the model. */
  static void checkMetric(MetricParameterization metric, DynamicsModel model, int observationSize) {
    if (metric.inputSize() != model.inputSize() || metric.outputSize() != observationSize) {
      throw new IllegalArgumentException("metric " + metric + " was built for inputs of " + metric.inputSize()
          + " and predictions of " + metric.outputSize() + " values; the model needs " + model.inputSize() + " and "
          + observationSize);
    }
  }
}
