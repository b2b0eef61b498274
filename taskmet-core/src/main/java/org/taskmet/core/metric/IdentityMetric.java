package org.taskmet.core.metric;

import java.util.random.RandomGenerator;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Matrix;

/** Λ = I for every row: the Mahalanobis loss becomes the plain squared error (two-stage MSE). No parameters. */
public final class IdentityMetric extends AbstractMetric {
  public IdentityMetric(int inputSize, int outputSize) {
    super(inputSize, outputSize);
  }

  @Override
  public int parameterCount() {
    return 0;
  }

  @Override
  public double[] initialParameters(RandomGenerator rng) {
    return new double[0];
  }

  @Override
  Pass evaluate(double[] parameters, Matrix input) {
    double[] ones = new double[n];
    java.util.Arrays.fill(ones, 1.0);
    return new Pass(this, parameters, input, ones, 0);
  }

  @Override
  public Matrix apply(ForwardPass pass, Matrix v) {
    checkRows("v", own(pass), v);
    return v.copy();
  }

  @Override
  public double[] bilinearGradient(ForwardPass pass, Matrix a, Matrix b, double[] rowWeights) {
    checkBilinear(own(pass), a, b, rowWeights);
    return new double[0];
  }

  @Override
  public Matrix applyTangent(ForwardPass pass, double[] parameterTangent, Matrix v) {
    checkRows("v", own(pass), v);
    checkVector("metric parameter tangent", parameterTangent, 0);
    return Matrix.zeros(v.rows(), n);
  }

  @Override
  public String toString() {
    return "IdentityMetric[n=" + n + "]";
  }
}
