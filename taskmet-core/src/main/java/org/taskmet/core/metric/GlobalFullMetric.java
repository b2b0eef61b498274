package org.taskmet.core.metric;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;

/**
 * One full metric shared by all rows: Λ = L Lᵀ + e^c I with an unconstrained n×n factor L and a scalar c.
 * φ = [vec(L) row-major, c]; L starts uniform on ±1/√n (a zero factor would have zero gradient) and c = 0.
 */
public final class GlobalFullMetric extends AbstractMetric {
  public GlobalFullMetric(int inputSize, int outputSize) {
    super(inputSize, outputSize);
  }

  @Override
  public int parameterCount() {
    return n * n + 1;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    double[] phi = new double[n * n + 1];
    double bound = 1 / Math.sqrt(n);
    for (int i = 0; i < n * n; i++) {
      phi[i] = rng.nextDouble(-bound, bound);
    }
    return phi;
  }

  @Override
  Pass evaluate(double[] phi, Matrix input) {
    double[] block = new double[n * n];
    FactorPlusIdentity.materialize(n, phi, 0, Math.exp(phi[n * n]), block, 0);
    double[] lambda = new double[input.rows() * n * n];
    for (int r = 0; r < input.rows(); r++) {
      System.arraycopy(block, 0, lambda, r * n * n, n * n);
    }
    return new Pass(this, phi, input, lambda);
  }

  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    Pass p = own(pass);
    checkBilinear(p, a, b, rowWeights);
    double[] g = new double[n * n + 1];
    double[] work = new double[2 * n];
    double expC = Math.exp(p.phi[n * n]);
    double ab = 0;
    for (int r = 0; r < p.rows(); r++) {
      FactorPlusIdentity.accumulateFactorGradient(n, p.phi, 0, a.data(), r * n, b.data(), r * n, rowWeights[r], g, 0,
          work);
      ab += rowWeights[r] * K.dot(a.data(), r * n, b.data(), r * n, n);
    }
    g[n * n] = expC * ab;
    return g;
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] phiDot, Matrix v) {
    Pass p = own(pass);
    checkRows("v", p, v);
    checkVector("metric parameter tangent", phiDot, parameterCount());
    double[] out = new double[v.rows() * n];
    double[] work = new double[2 * n];
    double expC = Math.exp(p.phi[n * n]);
    for (int r = 0; r < v.rows(); r++) {
      FactorPlusIdentity.applyTangent(n, p.phi, 0, phiDot, 0, expC, phiDot[n * n], v.data(), r * n, out, r * n,
          work);
    }
    return new Matrix(v.rows(), n, out);
  }

  @Override
  public String toString() {
    return "GlobalFullMetric[n=" + n + "]";
  }
}
