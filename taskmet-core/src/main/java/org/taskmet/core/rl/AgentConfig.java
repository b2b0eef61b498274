package org.taskmet.core.rl;

import static org.taskmet.core.method.ConfigChecks.atLeast;
import static org.taskmet.core.method.ConfigChecks.inRange;

/**
 * The agent's settings; {@link #reference()} gives the values of reference §4.3 (the authors' CartPole
 * config).
 *
 * @param hiddenUnits units in each of the 2 hidden layers of every network (32)
 * @param batchSize transitions per update (256)
 * @param randomSteps environment steps with uniformly random actions and no updates at the start (1,000)
 * @param explorationEpsilon probability of a uniformly random action afterwards (0.1)
 * @param discount γ (0.99)
 * @param temperature α of the soft value and of the softmax policy (0.01)
 * @param targetSmoothing τ of the Polyak update of the target Q networks (0.01)
 * @param modelLearningRate Adam learning rate of the model θ (1e-3)
 * @param qLearningRate Adam learning rate of the Q networks ω (3e-4)
 * @param metricLearningRate Adam learning rate of the metric φ (1e-3)
 * @param replayCapacity transitions kept (200,000; at most the run's steps are ever stored)
 * @param modelCgIterations normal-CG iterations of the model-level implicit solve (10, no ridge)
 * @param qLevel how TaskMet and OMD treat the Q-level inverse Hessian (identity, as the reference)
 * @param qCgIterations CG iterations when {@code qLevel} is CG (10, ridge 1e-5)
 * @param metricWarmupSteps TaskMet updates the metric only from this environment step on (5,000)
 * @param resetModelAdam TaskMet only: start the model's Adam state afresh before every model step, as the authors'
 *     code effectively does (its TaskMet update hands back the optimizer state it was given, so every model step is
 *     Adam's first: θ −= lr·g/(|g| + ε) ≈ lr·sign(g)); false keeps the state warm (the reference's {@code warm_opt})
 */
public record AgentConfig(int hiddenUnits, int batchSize, int randomSteps, double explorationEpsilon,
    double discount, double temperature, double targetSmoothing, double modelLearningRate, double qLearningRate,
    double metricLearningRate, int replayCapacity, int modelCgIterations, QLevel qLevel, int qCgIterations,
    int metricWarmupSteps, boolean resetModelAdam) {

  /** The Q-level inverse Hessian of the nested implicit gradient (reference §4.3). */
  public enum QLevel {
    /** Replace (∂²L_Q/∂ω²)⁻¹ by the identity (the reference's {@code with_inv_jac: False}). */
    IDENTITY,
    /** Solve with CG on (∂²L_Q/∂ω² + 10⁻⁵ I); a breakdown on an indefinite Hessian falls back to the identity. */
    CG
  }

  /** The reference settings. */
  public static AgentConfig reference() {
    return new AgentConfig(32, 256, 1000, 0.1, 0.99, 0.01, 0.01, 1e-3, 3e-4, 1e-3, 200_000, 10, QLevel.IDENTITY, 10,
        5000, false);
  }

  /** Throws naming the field when a value is out of range. */
  public AgentConfig validate() {
    String p = "rl agent";
    atLeast(p, "hiddenUnits", hiddenUnits, 1);
    atLeast(p, "batchSize", batchSize, 1);
    atLeast(p, "randomSteps", randomSteps, 1);
    inRange(p, "explorationEpsilon", explorationEpsilon, 0, 1);
    inRange(p, "discount", discount, 0, 1);
    inRange(p, "temperature", temperature, 1e-12, Double.MAX_VALUE);
    inRange(p, "targetSmoothing", targetSmoothing, 0, 1);
    inRange(p, "modelLearningRate", modelLearningRate, 0, Double.MAX_VALUE);
    inRange(p, "qLearningRate", qLearningRate, 0, Double.MAX_VALUE);
    inRange(p, "metricLearningRate", metricLearningRate, 0, Double.MAX_VALUE);
    atLeast(p, "replayCapacity", replayCapacity, 1);
    atLeast(p, "modelCgIterations", modelCgIterations, 1);
    if (qLevel == null) {
      throw new IllegalArgumentException(p + ": config field 'qLevel' must be IDENTITY or CG");
    }
    atLeast(p, "qCgIterations", qCgIterations, 1);
    atLeast(p, "metricWarmupSteps", metricWarmupSteps, 0);
    return this;
  }
}
