package org.taskmet.core.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.conformance.MetricConformance;

class MetricTest {
  private final MetricConformance kit = new MetricConformance(FiniteDifferenceCheck.defaults());

  static Stream<MetricParameterization> metrics() {
    return Stream.of(new IdentityMetric(3, 4), new GlobalDiagonalMetric(3, 4), new GlobalFullMetric(3, 4),
        new NormalizedDiagonalMetric(3, 4), new TaskMetMlpMetric(3, 4, 9, false), new TaskMetMlpMetric(2, 1, 5, true),
        new PerSampleDiagonalMetric(3, 4, 7));
  }

  @ParameterizedTest
  @MethodSource("metrics")
  void everyBuiltInMetricPassesTheConformanceKit(MetricParameterization metric) {
    kit.check(metric, 17, 5, 0.3);
    kit.check(metric, 18, 3, 0.0);
  }

  @Test
  void allMetricPluginsAreDiscoveredWithReferenceDefaults() {
    var names = ServiceLoader.load(PluginProvider.class).stream().map(ServiceLoader.Provider::get)
        .filter(p -> p.kind() == PluginKind.METRIC).map(PluginProvider::name).sorted().toList();
    assertThat(names).contains("global-diagonal", "global-full", "identity", "normalized-diagonal",
        "per-sample-diagonal", "taskmet-mlp");
    var taskmet = new MetricProviders.TaskMetMlp();
    assertThat(taskmet.defaultConfig().hiddenUnits()).isEqualTo(200);
    MetricParameterization m = taskmet.create(taskmet.defaultConfig()).create(10, 10);
    assertThat(m.parameterCount()).isEqualTo(10 * 200 + 200 + 200 * 100 + 100 + 1);
    assertThatThrownBy(() -> taskmet.create(new MetricProviders.TaskMetMlpConfig(0, false)))
        .hasMessageContaining("taskmet-mlp.hiddenUnits = 0");
    assertThat(new MetricProviders.GlobalFull().create(new NoConfig()).create(2, 3).parameterCount()).isEqualTo(10);
  }

  @Test
  void taskmetMetricIsLLTransposePlusExpCIdentity() {
    TaskMetMlpMetric m = new TaskMetMlpMetric(2, 2, 3, false);
    double[] phi = m.initialParameters(new SplittableRandom(3));
    phi[phi.length - 1] = Math.log(0.25);
    Matrix x = Matrix.of(new double[][] {{0.3, -1.2}});
    var netOut = m.network().forward(java.util.Arrays.copyOf(phi, phi.length - 1), x).output().data();
    double[] l = netOut; // [l00, l01, l10, l11]
    Matrix lambda = m.forward(phi, x).output();
    assertThat(lambda.get(0, 0)).isCloseTo(l[0] * l[0] + l[1] * l[1] + 0.25, offset(1e-14));
    assertThat(lambda.get(0, 1)).isCloseTo(l[0] * l[2] + l[1] * l[3], offset(1e-14));
    assertThat(lambda.get(0, 3)).isCloseTo(l[2] * l[2] + l[3] * l[3] + 0.25, offset(1e-14));
  }

  @Test
  void normalizedDiagonalIsIdentityAtInitAndKeepsNormSqrtN() {
    NormalizedDiagonalMetric m = new NormalizedDiagonalMetric(1, 3);
    Matrix x = Matrix.zeros(1, 1);
    Matrix atInit = m.forward(m.initialParameters(new SplittableRandom(1)), x).output();
    assertThat(atInit.data()).containsExactly(1, 0, 0, 0, 1, 0, 0, 0, 1);
    Matrix moved = m.forward(new double[] {-2, 0.5, 3}, x).output();
    double sq = moved.get(0, 0) * moved.get(0, 0) + moved.get(0, 4) * moved.get(0, 4) + moved.get(0, 8) * moved.get(0, 8);
    assertThat(sq).isCloseTo(3.0, offset(1e-12));
    assertThat(moved.get(0, 8)).isGreaterThan(moved.get(0, 4));
    GlobalDiagonalMetric g = new GlobalDiagonalMetric(1, 2);
    assertThat(g.forward(g.initialParameters(new SplittableRandom(1)), x).output().data())
        .containsExactly(new double[] {1, 0, 0, 1}, offset(1e-15));
  }

  @Test
  void kitRejectsAnIndefiniteMetric() {
    // a "metric" with Λ = diag(w) can be indefinite: the PSD check must say so
    MetricParameterization wrapped = new MetricParameterization() {
      public int inputSize() { return 1; }
      public int outputSize() { return 2; }
      public int parameterCount() { return 2; }
      public double[] initialParameters(java.util.random.RandomGenerator rng) { return new double[] {-3, 1}; }
      public org.taskmet.api.ForwardPass forward(double[] p, Matrix x) {
        double[] lam = new double[x.rows() * 4];
        for (int r = 0; r < x.rows(); r++) {
          lam[r * 4] = p[0];
          lam[r * 4 + 3] = p[1];
        }
        Matrix out = new Matrix(x.rows(), 4, lam);
        return new org.taskmet.api.ForwardPass() {
          public double[] parameters() { return p; }
          public Matrix input() { return x; }
          public Matrix output() { return out; }
        };
      }
      public Matrix apply(org.taskmet.api.ForwardPass pass, Matrix v) { return v; }
      public double[] bilinearGradient(org.taskmet.api.ForwardPass pass, Matrix a, Matrix b, double[] w) {
        return new double[2];
      }
      public Matrix applyTangent(org.taskmet.api.ForwardPass pass, double[] t, Matrix v) { return v; }
      public String toString() { return "diag(w)"; }
    };
    assertThatThrownBy(() -> kit.check(wrapped, 1, 2, 0.0)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("diag(w): Λ of row 0 is not positive semi-definite");
  }
}
