package org.taskmet.core.rl;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.core.linalg.LinearOperator;
import org.taskmet.core.metric.IdentityMetric;
import org.taskmet.core.metric.InstanceBatch;
import org.taskmet.core.metric.MahalanobisLoss;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * The learned model T_θ(s, a) = (ŝ', r̂) of reference §4.2: two MLPs on the input x = [s, one-hot(a)], each with
 * 2 hidden ReLU layers (orthogonal init, gain √2, output gain 10⁻²), one for the next state (d outputs) and one
 * for the reward (1 output). θ = [θ_dynamics | θ_reward].
 *
 * <p>Its prediction loss under a metric Λ_φ on the state (reference §4.2 (i)):
 * <pre>  L_pred(θ, φ) = mean_b (ŝ'_b − s'_b)ᵀ Λ_φ(x_b) (ŝ'_b − s'_b) + mean_b (r̂_b − r_b)²</pre>
 * Λ = I is MLE's squared error summed over dimensions. The metric is any metric plugin built for inputs x
 * (d + A values) and predictions of d values.
 */
public final class DynamicsModel {
  private final int observationSize;
  private final int actionCount;
  private final Sequential dynamics;
  private final Sequential reward;
  private final int dynamicsSize;
  private final MahalanobisLoss rewardLoss;
  private final MahalanobisLoss squaredError;

  public DynamicsModel(int observationSize, int actionCount, int hiddenUnits) {
    this(observationSize, actionCount, hiddenUnits, Activation.RELU);
  }

  /** With another hidden activation than the reference's ReLU (e.g. a smooth one for exact derivative checks). */
  public DynamicsModel(int observationSize, int actionCount, int hiddenUnits, Activation hidden) {
    this.observationSize = observationSize;
    this.actionCount = actionCount;
    Initialization init = Initialization.orthogonal(Math.sqrt(2), 1e-2);
    int in = observationSize + actionCount;
    this.dynamics = Sequential.mlp(in, observationSize, 2, hiddenUnits, hidden, Activation.IDENTITY, init);
    this.reward = Sequential.mlp(in, 1, 2, hiddenUnits, hidden, Activation.IDENTITY, init);
    this.dynamicsSize = dynamics.parameterCount();
    this.rewardLoss = new MahalanobisLoss(reward, new IdentityMetric(in, 1));
    this.squaredError = new MahalanobisLoss(dynamics, new IdentityMetric(in, observationSize));
  }

  public Sequential dynamics() {
    return dynamics;
  }

  public Sequential reward() {
    return reward;
  }

  /** d + A, the width of the model's (and the metric's) input rows. */
  public int inputSize() {
    return observationSize + actionCount;
  }

  /** |θ|. */
  public int parameterCount() {
    return dynamicsSize + reward.parameterCount();
  }

  /** |θ_dynamics|, the leading part of θ. */
  public int dynamicsParameterCount() {
    return dynamicsSize;
  }

  public double[] initialParameters(RandomGenerator rng) {
    return SoftDoubleQ.concat(dynamics.initialParameters(rng), reward.initialParameters(rng));
  }

  /** Rows [s_b, one-hot(a_b)] (B × (d + A)). */
  public Matrix inputs(Matrix observations, int[] actions) {
    int rows = observations.rows();
    int w = inputSize();
    double[] x = new double[rows * w];
    for (int b = 0; b < rows; b++) {
      System.arraycopy(observations.data(), b * observationSize, x, b * w, observationSize);
      x[b * w + observationSize + actions[b]] = 1.0;
    }
    return new Matrix(rows, w, x);
  }

  /** The model's predictions at the input rows. */
  public Prediction predict(double[] theta, Matrix inputs) {
    return new Prediction(dynamics.forward(dynamicsPart(theta), inputs), reward.forward(rewardPart(theta), inputs));
  }

  /** The passes of both networks at one batch of inputs. */
  public final class Prediction {
    private final Sequential.Pass next;
    private final Sequential.Pass rewards;

    private Prediction(Sequential.Pass next, Sequential.Pass rewards) {
      this.next = next;
      this.rewards = rewards;
    }

    /** ŝ' (B × d), a view (do not modify). */
    public Matrix nextObservations() {
      return next.output();
    }

    /** r̂ (B), a view (do not modify). */
    public double[] rewards() {
      return rewards.output().data();
    }

    /** ∇_θ ⟨g_s', ŝ'⟩ + ⟨g_r, r̂⟩: backprop of cotangents on the predictions. */
    public double[] vjp(Matrix nextObservationCotangent, double[] rewardCotangent) {
      return SoftDoubleQ.concat(dynamics.vjp(next, nextObservationCotangent),
          reward.vjp(rewards, new Matrix(rewardCotangent.length, 1, rewardCotangent)));
    }
  }

  /**
   * L_pred(θ, φ) on a batch.
   *
   * @param metric Λ_φ, built for {@link #inputSize()} inputs and d predictions, or {@code null} for Λ = I (MLE)
   */
  public PredictionLoss loss(double[] theta, MetricParameterization metric, double[] phi, Matrix inputs,
      Matrix nextObservations, double[] rewards) {
    int rows = inputs.rows();
    double[] weights = new double[rows];
    Arrays.fill(weights, 1.0 / rows);
    InstanceBatch states = new InstanceBatch(inputs, nextObservations, weights, 1);
    InstanceBatch rewardRows = new InstanceBatch(inputs, new Matrix(rows, 1, rewards), weights, 1);
    MahalanobisLoss stateLoss = metric == null ? squaredError : new MahalanobisLoss(dynamics, metric);
    return new PredictionLoss(stateLoss, stateLoss.at(dynamicsPart(theta), metric == null ? new double[0] : phi,
        states), rewardLoss.at(rewardPart(theta), new double[0], rewardRows));
  }

  /** L_pred at one (θ, φ) with its derivatives; products reuse the forward passes. */
  public final class PredictionLoss {
    private final MahalanobisLoss stateLoss;
    private final MahalanobisLoss.Evaluation state;
    private final MahalanobisLoss.Evaluation reward;

    private PredictionLoss(MahalanobisLoss stateLoss, MahalanobisLoss.Evaluation state,
        MahalanobisLoss.Evaluation reward) {
      this.stateLoss = stateLoss;
      this.state = state;
      this.reward = reward;
    }

    /**
     * L_pred at other model parameters on the same batch under the same metric pass (φ unchanged, as after TaskMet's
     * model step): what {@link DynamicsModel#loss} gives there, without evaluating the metric again.
     */
    public PredictionLoss atModel(double[] theta) {
      return new PredictionLoss(stateLoss, stateLoss.at(dynamicsPart(theta), state.batch(), state.metricPass()),
          rewardLoss.at(rewardPart(theta), reward.batch(), reward.metricPass()));
    }

    public double value() {
      return state.value() + reward.value();
    }

    /** ŝ' − s' (B × d), whatever the metric (do not modify). */
    public Matrix stateResiduals() {
      return state.residuals();
    }

    /** ∇_θ L_pred (fresh array). */
    public double[] gradient() {
      return SoftDoubleQ.concat(state.gradientTheta(), reward.gradientTheta());
    }

    /** ∇²_θ L_pred as an operator: block diagonal, the two networks share no parameters. */
    public LinearOperator hessian() {
      // the two halves of u, copied into buffers the operator keeps (the products read them and keep no reference)
      double[] us = new double[dynamicsSize];
      double[] ur = new double[parameterCount() - dynamicsSize];
      return LinearOperator.of(parameterCount(), (u, out) -> {
        System.arraycopy(u, 0, us, 0, us.length);
        System.arraycopy(u, dynamicsSize, ur, 0, ur.length);
        double[] hs = state.hessianVectorProduct(us);
        double[] hr = reward.hessianVectorProduct(ur);
        System.arraycopy(hs, 0, out, 0, dynamicsSize);
        System.arraycopy(hr, 0, out, dynamicsSize, hr.length);
      });
    }

    /** (∂²L_pred/∂φ∂θ)ᵀ u; the reward term does not depend on φ. */
    public double[] mixedProduct(double[] u) {
      return state.mixedProduct(Arrays.copyOfRange(u, 0, dynamicsSize));
    }

    /** The predictions this loss was evaluated on (the forward passes, reused). */
    public Prediction prediction() {
      return new Prediction((Sequential.Pass) state.modelPass(), (Sequential.Pass) reward.modelPass());
    }
  }

  private double[] dynamicsPart(double[] theta) {
    if (theta.length != parameterCount()) {
      throw new IllegalArgumentException("model parameters must have length " + parameterCount() + ", got "
          + theta.length);
    }
    return Arrays.copyOfRange(theta, 0, dynamicsSize);
  }

  private double[] rewardPart(double[] theta) {
    return Arrays.copyOfRange(theta, dynamicsSize, theta.length);
  }
}
