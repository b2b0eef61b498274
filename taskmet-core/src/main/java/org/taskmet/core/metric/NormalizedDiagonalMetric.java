package org.taskmet.core.metric;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.core.nn.Activation;

/**
 * TaskMet's metric of the model-based RL experiment (reference §4.2): one diagonal for all rows,
 * Λ = diag(√n · s / ‖s‖₂) with s = softplus(w), w ∈ ℝⁿ initialized to 1, so Λ = I at the start and
 * ‖diag Λ‖₂ = √n always (only the relative weights are learned).
 *
 * <p>Derivative: ∂d_i/∂w_j = √n σ(w_j) (δ_ij/‖s‖ − s_i s_j/‖s‖³).
 */
public final class NormalizedDiagonalMetric extends AbstractMetric {
  public NormalizedDiagonalMetric(int inputSize, int outputSize) {
    super(inputSize, outputSize);
  }

  @Override
  public int parameterCount() {
    return n;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] w = new double[n];
    Arrays.fill(w, 1.0);
    return w;
  }

  @Override
  Pass evaluate(double[] w, Matrix input) {
    double[] s = softplus(w);
    double norm = norm(s);
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = Math.sqrt(n) * s[i] / norm;
    }
    return new Pass(this, w, input, d, 0);
  }

  @Override
  public Matrix apply(ForwardPass pass, Matrix v) {
    Pass p = own(pass);
    checkRows("v", p, v);
    return DiagonalRows.apply(p, v, n);
  }

  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    Pass p = own(pass);
    checkBilinear(p, a, b, rowWeights);
    double[] q = weightedProducts(a, b, rowWeights);
    double[] s = softplus(p.phi);
    double norm = norm(s);
    double qs = 0;
    for (int i = 0; i < n; i++) {
      qs += q[i] * s[i];
    }
    double[] g = new double[n];
    for (int j = 0; j < n; j++) {
      g[j] = Math.sqrt(n) * Activation.sigmoid(p.phi[j]) * (q[j] / norm - s[j] * qs / (norm * norm * norm));
    }
    return g;
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] wDot, Matrix v) {
    Pass p = own(pass);
    checkRows("v", p, v);
    checkVector("metric parameter tangent", wDot, n);
    double[] s = softplus(p.phi);
    double norm = norm(s);
    double[] sDot = new double[n];
    double sSDot = 0;
    for (int i = 0; i < n; i++) {
      sDot[i] = Activation.sigmoid(p.phi[i]) * wDot[i];
      sSDot += s[i] * sDot[i];
    }
    double[] dDot = new double[n];
    for (int i = 0; i < n; i++) {
      dDot[i] = Math.sqrt(n) * (sDot[i] / norm - s[i] * sSDot / (norm * norm * norm));
    }
    return DiagonalRows.scale(v, dDot, n);
  }

  private double[] softplus(double[] w) {
    double[] s = new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = Activation.softplus(w[i]);
    }
    return s;
  }

  private static double norm(double[] s) {
    return K.norm2(s, 0, s.length);
  }

  @Override
  public String toString() {
    return "NormalizedDiagonalMetric[n=" + n + "]";
  }
}
