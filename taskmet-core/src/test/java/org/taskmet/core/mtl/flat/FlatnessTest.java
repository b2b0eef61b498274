package org.taskmet.core.mtl.flat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.taskmet.api.Matrix;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.core.mtl.MultiTaskBatch;
import org.taskmet.core.mtl.MultiTaskNetwork;
import org.taskmet.core.mtl.MultiTaskUpdate;
import org.taskmet.core.mtl.TaskGradients;
import org.taskmet.core.mtl.TaskLosses;
import org.taskmet.core.mtl.aggregate.LinearScalarization;
import org.taskmet.core.mtl.aggregate.Mgda;
import org.taskmet.core.nn.Activation;
import org.taskmet.core.nn.Initialization;
import org.taskmet.core.nn.Sequential;
import org.taskmet.core.optim.Sgd;

class FlatnessTest {
  static MultiTaskNetwork network() {
    Sequential trunk = Sequential.mlp(3, 4, 1, 6, Activation.TANH, Activation.TANH, Initialization.pytorchDefault());
    return new MultiTaskNetwork(trunk, new int[] {2, 1}, true,
        List.of(TaskLosses.softmaxCrossEntropy(), TaskLosses.squaredError()));
  }

  static MultiTaskBatch batch(SplittableRandom rng) {
    int n = 6;
    double[] x = new double[n * 3];
    for (int i = 0; i < x.length; i++) {
      x[i] = rng.nextGaussian();
    }
    double[] labels = new double[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(2);
      y[i] = rng.nextGaussian();
    }
    return MultiTaskBatch.shared(new Matrix(n, 3, x), List.of(Matrix.column(labels), Matrix.column(y)));
  }

  @ParameterizedTest
  @CsvSource({"JOINT,false,0.1", "JOINT,true,0.5", "SEPARATE,false,0.1", "SEPARATE,true,2.0"})
  void perTaskSamGradientsAreTheFiniteDifferenceGradientAtTheExpectedPerturbedPoint(PerturbationNorm norm,
      boolean adaptive, double rho) {
    SplittableRandom rng = new SplittableRandom(7);
    MultiTaskNetwork net = network();
    MultiTaskBatch b = batch(rng);
    double[] theta = net.initialParameters(rng);
    FlatRegionStep step = new FlatRegionStep(net, new LinearScalarization(List.of()),
        new LinearScalarization(List.of()), rho, adaptive, norm, FlatRegionStep.Combination.DECOMPOSED);
    FlatRegionStep.PerturbedGradients pg = step.perturbedGradients(theta, b);
    TaskGradients plain = pg.plain();
    int ps = net.sharedParameterCount();
    for (int task = 0; task < 2; task++) {
      final int k = task;
      int off = net.headOffset(k);
      int len = net.headParameterCount(k);
      // the perturbation written out from its definition, on the (FD-checked) plain gradients
      double[] t = new double[theta.length];
      for (int i = 0; i < theta.length; i++) {
        t[i] = adaptive ? Math.abs(theta[i]) : 1;
      }
      double sharedSq = 0;
      for (int i = 0; i < ps; i++) {
        sharedSq += Math.pow(t[i] * plain.shared().get(k, i), 2);
      }
      double headSq = 0;
      for (int i = 0; i < len; i++) {
        headSq += Math.pow(t[off + i] * plain.heads()[k][i], 2);
      }
      double sharedNorm = norm == PerturbationNorm.JOINT ? Math.sqrt(sharedSq + headSq) : Math.sqrt(sharedSq);
      double headNorm = norm == PerturbationNorm.JOINT ? Math.sqrt(sharedSq + headSq) : Math.sqrt(headSq);
      double[] point = theta.clone();
      for (int i = 0; i < ps; i++) {
        point[i] += rho * t[i] * t[i] * plain.shared().get(k, i) / (sharedNorm + 1e-12);
      }
      for (int i = 0; i < len; i++) {
        point[off + i] += rho * t[off + i] * t[off + i] * plain.heads()[k][i] / (headNorm + 1e-12);
      }
      double[] full = new double[theta.length];
      System.arraycopy(pg.sam().data(), k * ps, full, 0, ps);
      System.arraycopy(pg.samHeads()[k], 0, full, off, len);
      new FiniteDifferenceCheck(1e-5, 1e-6, 1e-9, theta.length)
          .gradient("SAM gradient of task " + k, x -> net.taskLoss(x, b, k), full, point, new SplittableRandom(k));
    }
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void everyDiscoveredAggregatorRunsInsideFsMtlAndInThePlainStep() {
    List<String> names = new java.util.ArrayList<>();
    for (org.taskmet.api.PluginProvider p : java.util.ServiceLoader.load(org.taskmet.api.PluginProvider.class)) {
      if (p.kind() != org.taskmet.api.PluginKind.AGGREGATOR) {
        continue;
      }
      names.add(p.name());
      SplittableRandom rng = new SplittableRandom(10);
      MultiTaskNetwork net = network();
      MultiTaskBatch b = batch(rng);
      double[] theta = net.initialParameters(rng);
      org.taskmet.api.GradientAggregator plain = (org.taskmet.api.GradientAggregator) p.create(p.defaultConfig());
      org.taskmet.api.GradientAggregator flat = (org.taskmet.api.GradientAggregator) p.create(p.defaultConfig());
      for (org.taskmet.core.mtl.MultiTaskStep step : List.of(
          new FlatRegionStep(net, plain, flat, 0.5, true, PerturbationNorm.SEPARATE, FlatRegionStep.Combination.DECOMPOSED),
          new org.taskmet.core.mtl.AggregatedStep(net, plain, org.taskmet.core.mtl.HeadGradients.WEIGHTED))) {
        double[] x = theta.clone();
        Sgd sgd = new Sgd(x.length, Sgd.Settings.of(0.01, 0));
        for (int it = 0; it < 5; it++) {
          MultiTaskUpdate u = step.compute(x, b, rng);
          assertThat(u.gradient()).hasSize(net.parameterCount());
          assertThat(u.taskWeights()).hasSize(2);
          for (double v : u.gradient()) {
            assertThat(v).as(p.name()).isFinite();
          }
          sgd.step(x, u.gradient());
        }
        assertThat(x).as(p.name() + " moved the parameters").isNotEqualTo(theta);
      }
    }
    assertThat(names).containsExactlyInAnyOrder("ls", "group-dro", "lookahead-dro", "mgda", "pcgrad", "cagrad",
        "imtl-g", "nash-mtl");
  }

  @Test
  void withLinearScalarizationTheDecompositionEqualsTheDirectSamSum() {
    SplittableRandom rng = new SplittableRandom(8);
    MultiTaskNetwork net = network();
    MultiTaskBatch b = batch(rng);
    double[] theta = net.initialParameters(rng);
    MultiTaskUpdate decomposed = new FlatRegionStep(net, new LinearScalarization(List.of()),
        new LinearScalarization(List.of()), 0.3, true, PerturbationNorm.JOINT, FlatRegionStep.Combination.DECOMPOSED)
        .compute(theta, b, new SplittableRandom(0));
    MultiTaskUpdate direct = new FlatRegionStep(net, new LinearScalarization(List.of()), null, 0.3, true,
        PerturbationNorm.JOINT, FlatRegionStep.Combination.DIRECT).compute(theta, b, new SplittableRandom(0));
    for (int i = 0; i < theta.length; i++) {
      assertThat(decomposed.gradient()[i]).isCloseTo(direct.gradient()[i], within(1e-12));
    }
  }

  @Test
  void decompositionAppliesTheAggregatorToPlainAndFlatGradientsSeparately() {
    SplittableRandom rng = new SplittableRandom(9);
    MultiTaskNetwork net = network();
    MultiTaskBatch b = batch(rng);
    double[] theta = net.initialParameters(rng);
    FlatRegionStep step = new FlatRegionStep(net, new Mgda(250, 1e-12), new Mgda(250, 1e-12), 0.5, false,
        PerturbationNorm.SEPARATE, FlatRegionStep.Combination.DECOMPOSED);
    MultiTaskUpdate u = step.compute(theta, b, new SplittableRandom(0));
    FlatRegionStep.PerturbedGradients pg = step.perturbedGradients(theta, b);
    int ps = net.sharedParameterCount();
    double[] flat = pg.sam().data().clone();
    for (int i = 0; i < flat.length; i++) {
      flat[i] -= pg.plain().shared().data()[i];
    }
    double[] a = new Mgda(250, 1e-12).aggregate(pg.plain().shared(), pg.plain().losses(), rng).direction();
    double[] c = new Mgda(250, 1e-12).aggregate(new Matrix(2, ps, flat), pg.plain().losses(), rng).direction();
    for (int i = 0; i < ps; i++) {
      assertThat(u.gradient()[i]).isCloseTo(a[i] + c[i], within(1e-12));
    }
    for (int k = 0; k < 2; k++) {
      for (int i = 0; i < net.headParameterCount(k); i++) {
        assertThat(u.gradient()[net.headOffset(k) + i]).isEqualTo(pg.samHeads()[k][i]);
      }
    }
  }

  @Test
  void samAndAsamGradientsMatchTheClosedFormOnAQuadraticAndTheBaseOptimizerStepsWithThem() {
    // f(θ) = ½ θᵀAθ with A = diag(1, 4, 9): ∇f(θ+ε) = A(θ+ε), ε = ρT²g/‖Tg‖
    double[] diag = {1, 4, 9};
    SharpnessAwareOptimizer.Objective f = (x, g) -> {
      double v = 0;
      for (int i = 0; i < 3; i++) {
        g[i] = diag[i] * x[i];
        v += 0.5 * diag[i] * x[i] * x[i];
      }
      return v;
    };
    for (boolean adaptive : new boolean[] {false, true}) {
      double[] theta = {0.5, -1.0, 2.0};
      double rho = 0.2;
      double[] g = {0.5, -4.0, 18.0};
      double n = 0;
      for (int i = 0; i < 3; i++) {
        double t = adaptive ? Math.abs(theta[i]) : 1;
        n += t * t * g[i] * g[i];
      }
      n = Math.sqrt(n);
      double lr = 0.01;
      SharpnessAwareOptimizer sam = new SharpnessAwareOptimizer(new Sgd(3, Sgd.Settings.of(lr, 0)), rho, adaptive);
      double[] updated = theta.clone();
      double value = sam.step(updated, f);
      assertThat(value).isCloseTo(0.5 * (0.25 + 4 + 36), within(1e-12));
      for (int i = 0; i < 3; i++) {
        double t = adaptive ? Math.abs(theta[i]) : 1;
        double expected = diag[i] * (theta[i] + rho * t * t * g[i] / n);
        assertThat(updated[i]).isCloseTo(theta[i] - lr * expected, within(1e-12));
      }
    }
  }
}
