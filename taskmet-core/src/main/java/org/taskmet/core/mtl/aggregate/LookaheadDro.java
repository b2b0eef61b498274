package org.taskmet.core.mtl.aggregate;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;

/**
 * Lookahead-DRO: <strong>a reconstruction</strong> (mtl.md §1.4) of the weighting of Michel, Ruder and
 * Yogatama, "Balancing Average and Worst-case Accuracy in Multitask Learning" (arXiv 2110.05838). The
 * paper's own update rule was not available; this is an implementable reading of its abstract, not a
 * verified re-implementation.
 *
 * <p>Two distributions on the simplex: the training weights q and the adversary p. q minimises the
 * smoothed worst case of the first-order lookahead losses ℓ_k − η_la·(Mq)_k, minus an entropy bonus:
 * <pre>
 *   J(q)  = τ·log Σ_k exp((ℓ_k − η_la (Mq)_k)/τ) − λ_H·H(q),   H(q) = −Σ q_j log q_j
 *   ∇J(q) = −η_la·M p(q) + λ_H·(1 + log q),                     p(q) = softmax((ℓ − η_la Mq)/τ)
 * </pre>
 * Each step runs S mirror-descent (exponentiated-gradient) iterations on q, warm-started from the previous
 * step's q (or uniform); as in the §1.4b prototype, ∇J is centred (EG is shift-invariant) and scaled to
 * max|·| = 1 before the step {@code stepSize}·∇J is applied: q_j ← q_j·exp(−β[∇J]_j), renormalised.
 * Optional EMA smoothing of the minibatch losses ({@code lossSmoothing} = 0 disables it).
 *
 * <p>Limits: λ_H → ∞ gives uniform weights (ERM); λ_H = 0 and τ → 0 is a pure lookahead minimax that
 * can collapse onto a vertex, so keep λ_H &gt; 0. An unlearnable task has g·g_j ≈ 0, so the lookahead
 * term cannot favour it and the entropy term keeps q near uniform.
 *
 * <p>Scale: d = K·Σ q_k g_k (sum of losses; uniform q gives ERM), reported weights K·q.
 */
public final class LookaheadDro implements GradientAggregator {
  public static final String NAME = "lookahead-dro";
  private static final double MIN_WEIGHT = 1e-300;

  private final double lookaheadStep;
  private final double temperature;
  private final double entropyWeight;
  private final int innerSteps;
  private final double stepSize;
  private final boolean warmStart;
  private final double lossSmoothing;
  private double[] weights;
  private double[] smoothedLosses;

  public LookaheadDro(double lookaheadStep, double temperature, double entropyWeight, int innerSteps,
      double stepSize, boolean warmStart, double lossSmoothing) {
    this.lookaheadStep = lookaheadStep;
    this.temperature = temperature;
    this.entropyWeight = entropyWeight;
    this.innerSteps = innerSteps;
    this.stepSize = stepSize;
    this.warmStart = warmStart;
    this.lossSmoothing = lossSmoothing;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    if (smoothedLosses == null || smoothedLosses.length != k) {
      smoothedLosses = taskLosses.clone();
    } else {
      for (int i = 0; i < k; i++) {
        smoothedLosses[i] = lossSmoothing * smoothedLosses[i] + (1 - lossSmoothing) * taskLosses[i];
      }
    }
    double[] q = new double[k];
    if (warmStart && weights != null && weights.length == k) {
      System.arraycopy(weights, 0, q, 0, k);
    } else {
      Arrays.fill(q, 1.0 / k);
    }
    double[] gram = GradientGeometry.gram(taskGradients);
    for (int s = 0; s < innerSteps; s++) {
      double[] grad = objectiveGradient(q, smoothedLosses, gram, lookaheadStep, temperature, entropyWeight);
      double mean = 0;
      for (double v : grad) {
        mean += v / k;
      }
      double largest = 0;
      for (int i = 0; i < k; i++) {
        grad[i] -= mean;
        largest = Math.max(largest, Math.abs(grad[i]));
      }
      if (largest == 0) {
        break;
      }
      double[] logits = new double[k];
      for (int i = 0; i < k; i++) {
        logits[i] = Math.log(q[i]) - stepSize * grad[i] / largest;
      }
      q = GroupDro.scaledSoftmax(logits, 1.0);
      for (int i = 0; i < k; i++) {
        q[i] = Math.max(q[i], MIN_WEIGHT);
      }
    }
    weights = q.clone();
    double[] scaled = new double[k];
    for (int i = 0; i < k; i++) {
      scaled[i] = k * q[i];
    }
    return new Aggregation(GradientGeometry.combine(taskGradients, scaled), scaled);
  }

  /** J(q) of the class comment, for q &gt; 0 (Σq = 1 on the simplex, but any positive q is accepted). */
  public static double objective(double[] q, double[] losses, double[] gram, double lookaheadStep,
      double temperature, double entropyWeight) {
    double[] lookahead = lookaheadLosses(q, losses, gram, lookaheadStep);
    double max = Arrays.stream(lookahead).max().orElseThrow();
    double sum = 0;
    for (double v : lookahead) {
      sum += Math.exp((v - max) / temperature);
    }
    double negativeEntropy = 0;
    for (double v : q) {
      negativeEntropy += v * Math.log(v);
    }
    return max + temperature * Math.log(sum) + entropyWeight * negativeEntropy;
  }

  /** ∇J(q) = −η_la·M p(q) + λ_H·(1 + log q). */
  public static double[] objectiveGradient(double[] q, double[] losses, double[] gram, double lookaheadStep,
      double temperature, double entropyWeight) {
    double[] lookahead = lookaheadLosses(q, losses, gram, lookaheadStep);
    for (int i = 0; i < lookahead.length; i++) {
      lookahead[i] /= temperature;
    }
    double[] p = GroupDro.scaledSoftmax(lookahead, 1.0);
    double[] mp = GradientGeometry.times(gram, p);
    double[] grad = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      grad[i] = -lookaheadStep * mp[i] + entropyWeight * (1 + Math.log(q[i]));
    }
    return grad;
  }

  private static double[] lookaheadLosses(double[] q, double[] losses, double[] gram, double lookaheadStep) {
    double[] mq = GradientGeometry.times(gram, q);
    double[] out = new double[q.length];
    for (int i = 0; i < q.length; i++) {
      out[i] = losses[i] - lookaheadStep * mq[i];
    }
    return out;
  }

  @Override
  public void reset() {
    weights = null;
    smoothedLosses = null;
  }
}
