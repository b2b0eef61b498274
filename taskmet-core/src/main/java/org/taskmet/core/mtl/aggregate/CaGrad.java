package org.taskmet.core.mtl.aggregate;

import java.util.random.RandomGenerator;
import org.taskmet.api.Aggregation;
import org.taskmet.api.GradientAggregator;
import org.taskmet.api.Matrix;

/**
 * CAGrad (Liu et al. 2021), conflict-averse gradient descent. With g0 = (1/K)Σg_k and
 * c_eff = c·‖g0‖, the weights solve the convex subproblem
 * <pre>  w* = argmin_{w∈Δ_K}  g_w·g0 + c_eff·‖g_w‖,   g_w = Σ w_k g_k,</pre>
 * here by projected gradient with Armijo backtracking (the official code uses SLSQP), and the update is
 * d = g0 + (c_eff/‖g_w‖)·g_w.
 *
 * <p>Scale: this returns K·d/(1+c²): the official {@code rescale=1} convention d/(1+c²), multiplied by K
 * as nash-mtl does "to match the sum loss". With c = 0 it is exactly the gradient of the sum of losses.
 * The reported weights are the equivalent per-task coefficients of that combination.
 */
public final class CaGrad implements GradientAggregator {
  public static final String NAME = "cagrad";
  private final double c;
  private final int maxIterations;

  /** @param c the conflict-aversion radius (0.4 in the MTL benchmarks, 0.5 in the toy) */
  public CaGrad(double c, int maxIterations) {
    this.c = c;
    this.maxIterations = maxIterations;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Aggregation aggregate(Matrix taskGradients, double[] taskLosses, RandomGenerator rng) {
    GradientGeometry.validate(NAME, taskGradients, taskLosses);
    int k = taskGradients.rows();
    double[] gram = GradientGeometry.gram(taskGradients);
    double meanGram = 0;
    for (double v : gram) {
      meanGram += v;
    }
    meanGram /= (double) k * k;
    double cEff = c * Math.sqrt(Math.max(meanGram, 0));
    double[] w = subproblemWeights(gram, k, cEff, maxIterations);
    double gwNorm = Math.sqrt(Math.max(GradientGeometry.quadraticForm(gram, w), 0));
    double boost = gwNorm > 0 ? cEff / gwNorm : 0;
    double scale = k / (1 + c * c);
    double[] coefficients = new double[k];
    for (int i = 0; i < k; i++) {
      coefficients[i] = scale * (1.0 / k + boost * w[i]);
    }
    return new Aggregation(GradientGeometry.combine(taskGradients, coefficients), coefficients);
  }

  /** The objective of the subproblem, g_w·g0 + c_eff·‖g_w‖, from the Gram matrix. */
  public static double subproblemObjective(double[] gram, int k, double cEff, double[] w) {
    double linear = 0;
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        linear += w[i] * gram[i * k + j] / k;
      }
    }
    return linear + cEff * Math.sqrt(Math.max(GradientGeometry.quadraticForm(gram, w), 0));
  }

  /** argmin over Δ_K of {@link #subproblemObjective}. */
  public static double[] subproblemWeights(double[] gram, int k, double cEff, int maxIterations) {
    double[] w = new double[k];
    java.util.Arrays.fill(w, 1.0 / k);
    if (k == 1) {
      return w;
    }
    double trace = 0;
    for (int i = 0; i < k; i++) {
      trace += gram[i * k + i];
    }
    if (trace <= 0) {
      return w;
    }
    double[] b = new double[k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        b[i] += gram[i * k + j] / k;
      }
    }
    double tiny = 1e-30 * trace;
    double value = subproblemObjective(gram, k, cEff, w);
    double step = 1.0 / trace;
    for (int it = 0; it < maxIterations; it++) {
      double[] mw = GradientGeometry.times(gram, w);
      double norm = Math.sqrt(Math.max(SimplexQp.dot(w, mw), 0) + tiny);
      double[] grad = new double[k];
      for (int i = 0; i < k; i++) {
        grad[i] = b[i] + cEff * mw[i] / norm;
      }
      // Armijo backtracking along the projection arc
      double[] next = null;
      double nextValue = value;
      step *= 2;
      for (int ls = 0; ls < 60; ls++) {
        double[] trial = new double[k];
        for (int i = 0; i < k; i++) {
          trial[i] = w[i] - step * grad[i];
        }
        double[] candidate = SimplexQp.project(trial);
        double candidateValue = subproblemObjective(gram, k, cEff, candidate);
        double decrease = 0;
        double moveSquared = 0;
        for (int i = 0; i < k; i++) {
          decrease += grad[i] * (w[i] - candidate[i]);
          moveSquared += (w[i] - candidate[i]) * (w[i] - candidate[i]);
        }
        if (candidateValue <= value - 0.5 * decrease + 1e-16 * Math.abs(value) || moveSquared == 0) {
          next = candidate;
          nextValue = candidateValue;
          break;
        }
        step /= 2;
      }
      if (next == null) {
        break;
      }
      double move = 0;
      for (int i = 0; i < k; i++) {
        move = Math.max(move, Math.abs(next[i] - w[i]));
      }
      w = next;
      value = nextValue;
      if (move < 1e-12) {
        break;
      }
    }
    return w;
  }

  @Override
  public void reset() {}
}
