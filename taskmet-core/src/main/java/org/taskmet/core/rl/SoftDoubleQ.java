package org.taskmet.core.rl;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.api.Matrix;
import org.taskmet.core.linalg.LinearOperator;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

/**
 * Soft double Q-learning (reference §4.2): two independent Q networks s ↦ Q_i(s, ·) ∈ ℝ^A (2 hidden ReLU
 * layers, orthogonal init with gain √2, output gain 10⁻²), flat parameters ω = [ω₁ | ω₂], and a target copy
 * ω̄ that follows ω by Polyak averaging.
 *
 * <ul>
 *   <li>Targets: y = r + γ·notDone·V̄(s'), V̄(s) = α·logsumexp_a(min(Q̄₁, Q̄₂)(s, a)/α).</li>
 *   <li>Loss with fixed targets: L(ω) = ½ Σ_i mean_b (Q_i(s_b, a_b) − y_b)².</li>
 *   <li>Policy: sample a from softmax(½(Q₁ + Q₂)(s, ·)/α).</li>
 * </ul>
 * The targets are a differentiable function of (r, s'), so a model that predicts them receives gradients
 * through {@link Targets#nextObservationCotangent} (the implicit gradient of OMD and TaskMet).
 */
public final class SoftDoubleQ {
  private final Sequential net;
  private final int headSize;
  private final int actionCount;
  private final double discount;
  private final double temperature;

  /**
   * @param discount γ
   * @param temperature α of the soft value and the policy
   */
  public SoftDoubleQ(int observationSize, int actionCount, int hiddenUnits, double discount, double temperature) {
    this(observationSize, actionCount, hiddenUnits, Activation.RELU, discount, temperature);
  }

  /** With another hidden activation than the reference's ReLU (e.g. a smooth one for exact derivative checks). */
  public SoftDoubleQ(int observationSize, int actionCount, int hiddenUnits, Activation hidden, double discount,
      double temperature) {
    this.net = Sequential.mlp(observationSize, actionCount, 2, hiddenUnits, hidden, Activation.IDENTITY,
        Initialization.orthogonal(Math.sqrt(2), 1e-2));
    this.headSize = net.parameterCount();
    this.actionCount = actionCount;
    this.discount = discount;
    this.temperature = temperature;
  }

  /** The architecture of either head. */
  public Sequential head() {
    return net;
  }

  /** |ω| = 2 × one head. */
  public int parameterCount() {
    return 2 * headSize;
  }

  public double[] initialParameters(RandomGenerator rng) {
    double[] omega = new double[2 * headSize];
    System.arraycopy(net.initialParameters(rng), 0, omega, 0, headSize);
    System.arraycopy(net.initialParameters(rng), 0, omega, headSize, headSize);
    return omega;
  }

  /** Both heads evaluated at the rows of {@code observations}. */
  public Heads forward(double[] omega, Matrix observations) {
    return new Heads(net.forward(Arrays.copyOfRange(omega, 0, headSize), observations),
        net.forward(Arrays.copyOfRange(omega, headSize, 2 * headSize), observations));
  }

  /** The passes of the two heads at one set of rows. */
  public record Heads(Sequential.Pass first, Sequential.Pass second) {
    /** Q_i (rows × A), a view (do not modify). */
    public Matrix values(int head) {
      return (head == 0 ? first : second).output();
    }
  }

  /** Samples an action from softmax(½(Q₁ + Q₂)(s, ·)/α). */
  public int sampleAction(double[] omega, double[] observation, RandomGenerator rng) {
    Heads h = forward(omega, new Matrix(1, observation.length, observation));
    double[] q1 = h.values(0).data();
    double[] q2 = h.values(1).data();
    double[] logits = new double[actionCount];
    double max = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < actionCount; a++) {
      logits[a] = 0.5 * (q1[a] + q2[a]) / temperature;
      max = Math.max(max, logits[a]);
    }
    double sum = 0;
    for (int a = 0; a < actionCount; a++) {
      logits[a] = Math.exp(logits[a] - max);
      sum += logits[a];
    }
    double u = rng.nextDouble() * sum;
    for (int a = 0; a < actionCount - 1; a++) {
      u -= logits[a];
      if (u < 0) {
        return a;
      }
    }
    return actionCount - 1;
  }

  /** ω̄ ← τ ω + (1 − τ) ω̄, in place. */
  public static void polyakUpdate(double[] target, double[] online, double tau) {
    for (int i = 0; i < target.length; i++) {
      target[i] = tau * online[i] + (1 - tau) * target[i];
    }
  }

  /** The Bellman targets of a batch under the target parameters ω̄. */
  public Targets targets(double[] targetOmega, Matrix nextObservations, double[] rewards, double[] notDone) {
    return new Targets(forward(targetOmega, nextObservations), rewards, notDone);
  }

  /** y_b = r_b + γ·notDone_b·V̄(s'_b), with what its derivative in s' needs. */
  public final class Targets {
    private final Heads heads;
    private final double[] notDone;
    private final double[] values;
    /** softmax(min(Q̄₁, Q̄₂)/α) per row (B × A): ∂V̄/∂min. */
    private final double[] weights;

    private Targets(Heads heads, double[] rewards, double[] notDone) {
      this.heads = heads;
      this.notDone = notDone;
      int rows = rewards.length;
      double[] q1 = heads.values(0).data();
      double[] q2 = heads.values(1).data();
      values = new double[rows];
      weights = new double[rows * actionCount];
      for (int b = 0; b < rows; b++) {
        double max = Double.NEGATIVE_INFINITY;
        for (int a = 0; a < actionCount; a++) {
          int k = b * actionCount + a;
          weights[k] = Math.min(q1[k], q2[k]) / temperature;
          max = Math.max(max, weights[k]);
        }
        double sum = 0;
        for (int a = 0; a < actionCount; a++) {
          int k = b * actionCount + a;
          weights[k] = Math.exp(weights[k] - max);
          sum += weights[k];
        }
        for (int a = 0; a < actionCount; a++) {
          weights[b * actionCount + a] /= sum;
        }
        double softValue = temperature * (max + Math.log(sum));
        values[b] = rewards[b] + discount * notDone[b] * softValue;
      }
    }

    /** y (length B; do not modify). */
    public double[] values() {
      return values;
    }

    /**
     * ∂(Σ_b c_b y_b)/∂s' (B × d): the rows c_b·γ·notDone_b·∇V̄(s'_b), backpropagated through whichever target
     * head attains the minimum for each action (half to each on a tie).
     */
    public Matrix nextObservationCotangent(double[] c) {
      int rows = values.length;
      double[] q1 = heads.values(0).data();
      double[] q2 = heads.values(1).data();
      double[] g1 = new double[rows * actionCount];
      double[] g2 = new double[rows * actionCount];
      for (int b = 0; b < rows; b++) {
        double scale = c[b] * discount * notDone[b];
        for (int a = 0; a < actionCount; a++) {
          int k = b * actionCount + a;
          double w = scale * weights[k];
          if (q1[k] < q2[k]) {
            g1[k] = w;
          } else if (q2[k] < q1[k]) {
            g2[k] = w;
          } else {
            g1[k] = 0.5 * w;
            g2[k] = 0.5 * w;
          }
        }
      }
      Matrix d1 = net.inputVjp(heads.first(), new Matrix(rows, actionCount, g1));
      Matrix d2 = net.inputVjp(heads.second(), new Matrix(rows, actionCount, g2));
      double[] out = d1.data();
      double[] add = d2.data();
      for (int i = 0; i < out.length; i++) {
        out[i] += add[i];
      }
      return d1;
    }
  }

  /** The Bellman loss at ω on (s, a) with fixed targets y. */
  public BellmanLoss loss(double[] omega, Matrix observations, int[] actions, double[] targets) {
    return new BellmanLoss(forward(omega, observations), actions, targets);
  }

  /** L(ω) = ½ Σ_i mean_b (Q_i(s_b, a_b) − y_b)² and its derivatives in ω; products reuse the forward passes. */
  public final class BellmanLoss {
    private final Heads heads;
    private final int[] actions;
    private final double value;
    /** ∂L/∂Q_i: (Q_i(s_b, a_b) − y_b)/B at column a_b, zero elsewhere. */
    private final Matrix cotangent1;
    private final Matrix cotangent2;
    private double[] gradient;

    private BellmanLoss(Heads heads, int[] actions, double[] targets) {
      this.heads = heads;
      this.actions = actions;
      int rows = actions.length;
      double[] q1 = heads.values(0).data();
      double[] q2 = heads.values(1).data();
      double[] c1 = new double[rows * actionCount];
      double[] c2 = new double[rows * actionCount];
      double v = 0;
      for (int b = 0; b < rows; b++) {
        int k = b * actionCount + actions[b];
        double e1 = q1[k] - targets[b];
        double e2 = q2[k] - targets[b];
        v += 0.5 * (e1 * e1 + e2 * e2) / rows;
        c1[k] = e1 / rows;
        c2[k] = e2 / rows;
      }
      if (!Double.isFinite(v)) {
        throw new ArithmeticException("Bellman loss is not finite (" + v + "): the Q values or targets diverged");
      }
      this.value = v;
      this.cotangent1 = new Matrix(rows, actionCount, c1);
      this.cotangent2 = new Matrix(rows, actionCount, c2);
    }

    public double value() {
      return value;
    }

    /** The loss at the same ω and states with other targets, reusing this loss's forward passes. */
    public BellmanLoss withTargets(double[] targets) {
      return new BellmanLoss(heads, actions, targets);
    }

    /** ∇_ω L (cached; do not modify). */
    public double[] gradient() {
      if (gradient == null) {
        gradient = concat(net.vjp(heads.first(), cotangent1), net.vjp(heads.second(), cotangent2));
      }
      return gradient;
    }

    /**
     * t = −∂(∇_ω L · g)/∂y: t_b = (1/B) Σ_i ∇_ω Q_i(s_b, a_b) · g_i. A model that moves the targets by δy moves
     * ∇_ω L·g by −tᵀδy, so with g standing for (∂²L/∂ω²)⁻¹∇_ω L_task the model's implicit task gradient is
     * Σ_b t_b ∇y_b.
     */
    public double[] targetCotangent(double[] g) {
      double[] j1 = net.jvp(heads.first(), Arrays.copyOfRange(g, 0, headSize)).data();
      double[] j2 = net.jvp(heads.second(), Arrays.copyOfRange(g, headSize, 2 * headSize)).data();
      int rows = actions.length;
      double[] t = new double[rows];
      for (int b = 0; b < rows; b++) {
        int k = b * actionCount + actions[b];
        t[b] = (j1[k] + j2[k]) / rows;
      }
      return t;
    }

    /** ∇²_ω L · v, exact (R-operator of the heads' backprop). */
    public double[] hessianVectorProduct(double[] v) {
      double[] v1 = Arrays.copyOfRange(v, 0, headSize);
      double[] v2 = Arrays.copyOfRange(v, headSize, 2 * headSize);
      return concat(net.vjpTangent(heads.first(), v1, cotangent1, selectedTangent(net.jvp(heads.first(), v1))),
          net.vjpTangent(heads.second(), v2, cotangent2, selectedTangent(net.jvp(heads.second(), v2))));
    }

    /** ∇²_ω L as a matrix-free operator. */
    public LinearOperator hessian() {
      return LinearOperator.of(2 * headSize, (x, out) -> System.arraycopy(hessianVectorProduct(x), 0, out, 0,
          out.length));
    }

    /** The tangent of ∂L/∂Q_i: (J_i v)(s_b, a_b)/B at column a_b. */
    private Matrix selectedTangent(Matrix qTangent) {
      int rows = actions.length;
      double[] out = new double[rows * actionCount];
      for (int b = 0; b < rows; b++) {
        int k = b * actionCount + actions[b];
        out[k] = qTangent.data()[k] / rows;
      }
      return new Matrix(rows, actionCount, out);
    }
  }

  static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
