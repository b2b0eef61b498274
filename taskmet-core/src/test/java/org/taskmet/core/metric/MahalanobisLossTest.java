package org.taskmet.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskmet.api.Instance;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;

class MahalanobisLossTest {
  static List<Instance> instances(int count, int f, int n, SplittableRandom rng) {
    List<Instance> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int rows = 2 + i % 3; // unequal row counts exercise the per-instance mean
      double[] x = new double[rows * f];
      double[] y = new double[rows * n];
      for (int k = 0; k < x.length; k++) {
        x[k] = rng.nextGaussian();
      }
      for (int k = 0; k < y.length; k++) {
        y[k] = rng.nextGaussian();
      }
      list.add(new Instance(new Matrix(rows, f, x), new Matrix(rows, n, y)));
    }
    return list;
  }

  static Stream<MetricParameterization> metrics() {
    return Stream.of(new IdentityMetric(3, 2), new GlobalFullMetric(3, 2), new NormalizedDiagonalMetric(3, 2),
        new TaskMetMlpMetric(3, 2, 6, false), new PerSampleDiagonalMetric(3, 2, 5));
  }

  @ParameterizedTest
  @MethodSource("metrics")
  void everyProductMatchesFiniteDifferences(MetricParameterization metric) {
    SplittableRandom rng = new SplittableRandom(21);
    Sequential model = Sequential.mlp(3, 2, 1, 5, Activation.TANH, Activation.SOFTPLUS,
        Initialization.pytorchDefault());
    MahalanobisLoss loss = new MahalanobisLoss(model, metric);
    List<Instance> batch = instances(3, 3, 2, rng);
    InstanceBatch stacked = InstanceBatch.of(batch);
    double[] theta = model.initialParameters(rng);
    double[] phi = metric.initialParameters(rng);
    for (int i = 0; i < phi.length; i++) {
      phi[i] += 0.2 * rng.nextGaussian();
    }
    var eval = loss.at(theta, phi, stacked);
    FiniteDifferenceCheck fd = FiniteDifferenceCheck.defaults();
    fd.gradient("loss dTheta", t -> loss.at(t, phi, stacked).value(), eval.gradientTheta(), theta, rng);
    if (phi.length > 0) {
      fd.gradient("loss dPhi", p -> loss.at(theta, p, stacked).value(), eval.gradientPhi(), phi, rng);
    }
    double[] u = new double[theta.length];
    for (int i = 0; i < u.length; i++) {
      u[i] = rng.nextGaussian();
    }
    fd.vectors("HVP", fd.directional(t -> loss.at(t, phi, stacked).gradientTheta(), theta, u),
        eval.hessianVectorProduct(u));
    if (phi.length > 0) {
      fd.gradient("mixed product", p -> dot(loss.at(theta, p, stacked).gradientTheta(), u), eval.mixedProduct(u),
          phi, rng);
    }
  }

  @Test
  void valueIsTheMeanOverRowsThenInstances() {
    Sequential model = Sequential.linear(1, 1);
    MahalanobisLoss loss = new MahalanobisLoss(model, new IdentityMetric(1, 1));
    // f(x) = 2x: instance A rows x=[1, 2], y=[0, 0] -> errors 2, 4 -> mean 10; instance B x=[1], y=[1] -> 1
    Instance a = new Instance(Matrix.of(new double[][] {{1}, {2}}), Matrix.of(new double[][] {{0}, {0}}));
    Instance b = new Instance(Matrix.of(new double[][] {{1}}), Matrix.of(new double[][] {{1}}));
    var eval = loss.at(new double[] {2, 0}, new double[0], List.of(a, b));
    assertThat(eval.value()).isCloseTo((10 + 1) / 2.0, offset(1e-14));
    // gradient in (w, b): d/dw = mean_i mean_r 2 e x = (2*2*1 + 2*4*2)/2 /2 + 2*1*1/2 = 5 + 1 = 6
    assertThat(eval.gradientTheta()[0]).isCloseTo(6.0, offset(1e-14));
  }

  @Test
  void gaussNewtonEqualsTheHessianForALinearModelAndIsPsd() {
    SplittableRandom rng = new SplittableRandom(4);
    Sequential model = Sequential.linear(3, 2);
    MetricParameterization metric = new TaskMetMlpMetric(3, 2, 4, false);
    MahalanobisLoss loss = new MahalanobisLoss(model, metric);
    var eval = loss.at(model.initialParameters(rng), metric.initialParameters(rng), instances(4, 3, 2, rng));
    double[] u = {0.3, -1, 2, 0.5, 0.1, -0.7, 1.5, 0.2};
    double[] h = eval.hessianVectorProduct(u);
    double[] gn = eval.gaussNewtonProduct(u);
    for (int i = 0; i < u.length; i++) {
      assertThat(gn[i]).isCloseTo(h[i], offset(1e-12));
    }
    assertThat(dot(u, gn)).isPositive();
    var nonlinear = new MahalanobisLoss(Sequential.mlp(3, 2, 1, 4, Activation.TANH, Activation.IDENTITY,
        Initialization.pytorchDefault()), metric);
    double[] th = nonlinear.model().initialParameters(rng);
    var e2 = nonlinear.at(th, metric.initialParameters(rng), instances(4, 3, 2, rng));
    double[] v = new double[th.length];
    java.util.Arrays.fill(v, 1.0);
    assertThat(e2.gaussNewtonProduct(v)).isNotEqualTo(e2.hessianVectorProduct(v));
  }

  @Test
  void reusedMetricPassGivesTheSameNumbersAndShapesAreChecked() {
    SplittableRandom rng = new SplittableRandom(6);
    Sequential model = Sequential.linear(3, 2);
    MetricParameterization metric = new GlobalFullMetric(3, 2);
    MahalanobisLoss loss = new MahalanobisLoss(model, metric);
    InstanceBatch batch = InstanceBatch.of(instances(2, 3, 2, rng));
    double[] theta = model.initialParameters(rng);
    double[] phi = metric.initialParameters(rng);
    var fresh = loss.at(theta, phi, batch);
    var reused = loss.at(theta, batch, metric.forward(phi, batch.features()));
    assertThat(reused.value()).isEqualTo(fresh.value());
    assertThat(reused.gradientTheta()).containsExactly(fresh.gradientTheta());
    assertThatThrownBy(() -> new MahalanobisLoss(model, new GlobalFullMetric(3, 4)))
        .hasMessageContaining("predictions of 4");
    assertThatThrownBy(() -> InstanceBatch.of(List.of(instances(1, 3, 2, rng).get(0), instances(1, 2, 2, rng).get(0))))
        .hasMessageContaining("instance 1");
  }

  @Test
  void cachedMetricRowsGiveTheSameValueGradientAndHvp() {
    SplittableRandom rng = new SplittableRandom(8);
    Sequential model = Sequential.mlp(3, 2, 1, 4, Activation.TANH, Activation.IDENTITY,
        Initialization.pytorchDefault());
    MetricParameterization metric = new TaskMetMlpMetric(3, 2, 5, false);
    MahalanobisLoss loss = new MahalanobisLoss(model, metric);
    List<Instance> train = instances(5, 3, 2, rng);
    double[] theta = model.initialParameters(rng);
    double[] phi = metric.initialParameters(rng);
    MetricCache cache = MetricCache.compute(metric, phi, train);
    int[] pick = {3, 0, 3};
    InstanceBatch batch = cache.batch(pick);
    var cached = loss.atFixedMetric(theta, batch, cache.lambdaRows(pick));
    var direct = loss.at(theta, phi, List.of(train.get(3), train.get(0), train.get(3)));
    assertThat(cached.value()).isCloseTo(direct.value(), offset(1e-14));
    double[] u = new double[theta.length];
    java.util.Arrays.fill(u, 0.5);
    double[] h1 = cached.hessianVectorProduct(u);
    double[] h2 = direct.hessianVectorProduct(u);
    for (int i = 0; i < u.length; i++) {
      assertThat(cached.gradientTheta()[i]).isCloseTo(direct.gradientTheta()[i], offset(1e-14));
      assertThat(h1[i]).isCloseTo(h2[i], offset(1e-13));
    }
    assertThatThrownBy(cached::gradientPhi).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("atFixedMetric");
    assertThatThrownBy(() -> cache.lambdaRows(new int[] {5})).hasMessageContaining("index 5");
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
