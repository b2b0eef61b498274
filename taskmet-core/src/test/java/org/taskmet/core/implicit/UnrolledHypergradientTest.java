package org.taskmet.core.implicit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.ForwardPass;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.core.linalg.SolveOptions;
import org.taskmet.core.metric.InstanceBatch;
import org.taskmet.core.metric.MahalanobisLoss;
import org.taskmet.core.metric.TaskMetMlpMetric;
import org.taskmet.core.nn.Sequential;

/**
 * The implicit hypergradient against differentiation through the inner optimizer: K steps of gradient descent
 * θ_{k+1} = θ_k − η∇θL(θ_k, φ) under TaskMet's per-sample metric network, differentiated in reverse mode (adjoint λ_k = λ_{k+1} −
 * ηH(θ_k)λ_{k+1}, dL/dφ = −η Σ_k (∂²L/∂φ∂θ(θ_k))ᵀλ_{k+1}). When the descent has converged, the unrolled
 * derivative and the implicit-function answer at its end point must agree.
 */
class UnrolledHypergradientTest {
  /** Linear in θ, so the inner problem is a convex quadratic and plain descent converges; φ enters nonlinearly. */
  private static final Sequential MODEL = Sequential.linear(1, 1);

  @Test
  void implicitGradientMatchesTheUnrolledDescentAtConvergence() {
    SplittableRandom rng = new SplittableRandom(17);
    MetricParameterization metric = new TaskMetMlpMetric(1, 1, 4, false);
    MahalanobisLoss loss = new MahalanobisLoss(MODEL, metric);
    InstanceBatch train = InstanceBatch.of(instances(4, 12, rng));
    InstanceBatch val = InstanceBatch.of(instances(2, 12, rng));
    double[] phi = metric.initialParameters(rng);

    // the differentiated descent starts at the initialization, so it depends on φ only through its steps
    double[] theta = MODEL.initialParameters(rng);
    double eta = 0.9 / largestEigenvalue(loss.at(theta, phi, train), rng);
    int steps = 3000;
    List<double[]> path = new ArrayList<>(steps);
    for (int k = 0; k < steps; k++) {
      path.add(theta.clone());
      double[] g = loss.at(theta, phi, train).gradientTheta();
      for (int i = 0; i < theta.length; i++) {
        theta[i] -= eta * g[i];
      }
    }
    MahalanobisLoss.Evaluation end = loss.at(theta, phi, train);
    assertThat(norm(end.gradientTheta())).as("the descent converged").isLessThan(1e-9);

    double[] lambda = validationGradient(theta, val);
    double[] unrolled = new double[phi.length];
    for (int k = steps - 1; k >= 0; k--) {
      MahalanobisLoss.Evaluation at = loss.at(path.get(k), phi, train);
      double[] mixed = at.mixedProduct(lambda);
      for (int j = 0; j < phi.length; j++) {
        unrolled[j] -= eta * mixed[j];
      }
      double[] hv = at.hessianVectorProduct(lambda);
      for (int i = 0; i < lambda.length; i++) {
        lambda[i] -= eta * hv[i];
      }
    }

    double[] implicit = Hypergradient.named("cg", new SolveOptions(0.0, 500, 1e-14, 0.0, null))
        .compute(end, validationGradient(theta, val)).gradientPhi();
    double scale = norm(implicit);
    assertThat(scale).as("a non-trivial hypergradient").isGreaterThan(1e-6);
    for (int j = 0; j < phi.length; j++) {
      assertThat(Math.abs(unrolled[j] - implicit[j])).as("∂L/∂φ[%d]: unrolled %s, implicit %s", j, unrolled[j],
          implicit[j]).isLessThan(1e-6 * scale);
    }
  }

  /** ∇θ of the validation loss mean_r (f(x_r) − y_r)². */
  private static double[] validationGradient(double[] theta, InstanceBatch val) {
    ForwardPass pass = MODEL.forward(theta, val.features());
    Matrix residual = pass.output().copy();
    double[] r = residual.data();
    for (int i = 0; i < r.length; i++) {
      r[i] = 2 * (r[i] - val.targets().data()[i]) / r.length;
    }
    return MODEL.vjp(pass, residual);
  }

  private static double largestEigenvalue(MahalanobisLoss.Evaluation at, SplittableRandom rng) {
    double[] v = new double[at.theta().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = rng.nextGaussian();
    }
    double lambda = 0;
    for (int it = 0; it < 200; it++) {
      double n = norm(v);
      for (int i = 0; i < v.length; i++) {
        v[i] /= n;
      }
      double[] hv = at.hessianVectorProduct(v);
      lambda = norm(hv);
      v = hv;
    }
    return lambda;
  }

  private static List<Instance> instances(int count, int rows, SplittableRandom rng) {
    List<Instance> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double[] x = new double[rows];
      double[] y = new double[rows];
      for (int r = 0; r < rows; r++) {
        x[r] = 2 * rng.nextDouble() - 1;
        y[r] = Math.sin(3 * x[r]) + 0.1 * rng.nextGaussian();
      }
      out.add(new Instance(Matrix.column(x), Matrix.column(y)));
    }
    return out;
  }

  private static double norm(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x * x;
    }
    return Math.sqrt(s);
  }
}
