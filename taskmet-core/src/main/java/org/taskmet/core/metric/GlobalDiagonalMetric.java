package org.taskmet.core.metric;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;
import org.taskmet.core.nn.Activation;

/**
 * One diagonal metric shared by all rows: Λ = diag(softplus(w)), w ∈ ℝⁿ, initialized to softplus⁻¹(1) so
 * Λ = I at the start (the plain squared error).
 */
public final class GlobalDiagonalMetric extends AbstractMetric {
  /** softplus⁻¹(1) = log(e − 1). */
  static final double SOFTPLUS_INVERSE_OF_ONE = Math.log(Math.E - 1);

  public GlobalDiagonalMetric(int inputSize, int outputSize) {
    super(inputSize, outputSize);
  }

  @Override
  public int parameterCount() {
    return n;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] w = new double[n];
    java.util.Arrays.fill(w, SOFTPLUS_INVERSE_OF_ONE);
    return w;
  }

  @Override
  Pass evaluate(double[] w, Matrix input) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = Activation.softplus(w[i]);
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
    for (int i = 0; i < n; i++) {
      q[i] *= Activation.sigmoid(p.phi[i]);
    }
    return q;
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] wDot, Matrix v) {
    Pass p = own(pass);
    checkRows("v", p, v);
    checkVector("metric parameter tangent", wDot, n);
    double[] dDot = new double[n];
    for (int i = 0; i < n; i++) {
      dDot[i] = Activation.sigmoid(p.phi[i]) * wDot[i];
    }
    return DiagonalRows.scale(v, dDot, n);
  }

  @Override
  public String toString() {
    return "GlobalDiagonalMetric[n=" + n + "]";
  }
}
