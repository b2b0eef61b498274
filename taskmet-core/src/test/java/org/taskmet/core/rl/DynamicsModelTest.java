package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;
import org.taskmet.api.MetricParameterization;
import org.taskmet.conformance.FiniteDifferenceCheck;
import org.taskmet.core.metric.NormalizedDiagonalMetric;

class DynamicsModelTest {
  private static final int D = 4;
  private final DynamicsModel model = new DynamicsModel(D, 2, 5);
  private final SplittableRandom rng = new SplittableRandom(8);
  private final Transitions batch = RlFixtures.transitions(10, D, rng);
  private final Matrix x = model.inputs(batch.observations(), batch.actions());
  private final MetricParameterization metric = new NormalizedDiagonalMetric(model.inputSize(), D);
  private final double[] theta = perturbed(model.initialParameters(rng));
  private final double[] phi = {0.3, -1.2, 2.0, 0.7};
  private final FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-6, 1e-6, 1e-10, 60);

  private double[] perturbed(double[] p) {
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.3 * rng.nextGaussian();
    }
    return p;
  }

  @Test
  void inputsAreTheStateThenTheOneHotAction() {
    assertThat(x.cols()).isEqualTo(D + 2);
    for (int b = 0; b < batch.size(); b++) {
      for (int i = 0; i < D; i++) {
        assertThat(x.get(b, i)).isEqualTo(batch.observations().get(b, i));
      }
      assertThat(x.get(b, D + batch.actions()[b])).isEqualTo(1.0);
      assertThat(x.get(b, D + 1 - batch.actions()[b])).isEqualTo(0.0);
    }
  }

  @Test
  void withoutAMetricTheLossIsTheSquaredErrorSummedOverDimensionsPlusTheRewardError() {
    DynamicsModel.Prediction p = model.predict(theta, x);
    double expected = 0;
    for (int b = 0; b < batch.size(); b++) {
      for (int i = 0; i < D; i++) {
        double e = p.nextObservations().get(b, i) - batch.nextObservations().get(b, i);
        expected += e * e / batch.size();
      }
      double er = p.rewards()[b] - batch.rewards()[b];
      expected += er * er / batch.size();
    }
    DynamicsModel.PredictionLoss loss = model.loss(theta, null, new double[0], x, batch.nextObservations(),
        batch.rewards());
    assertThat(loss.value()).isCloseTo(expected, within(1e-12));
  }

  @Test
  void predictionLossDerivativesMatchFiniteDifferences() {
    fd.gradient("L_pred", t -> loss(t, phi).value(), loss(theta, phi).gradient(), theta, rng);
    fd.jvp("L_pred Hessian", t -> loss(t, phi).gradient(), (t, v) -> apply(loss(t, phi).hessian(), v), theta, rng);
    // mixed product: (∂²L/∂φ∂θ)ᵀ u = ∇_φ (∇_θ L · u)
    double[] u = rng.doubles(theta.length, -1, 1).toArray();
    fd.gradient("L_pred mixed product", f -> SoftDoubleQTest.dot(loss(theta, f).gradient(), u),
        loss(theta, phi).mixedProduct(u), phi, rng);
  }

  @Test
  void predictionVjpMatchesFiniteDifferences() {
    double[] gr = rng.doubles(batch.size(), -1, 1).toArray();
    Matrix gs = new Matrix(batch.size(), D, rng.doubles(batch.size() * D, -1, 1).toArray());
    fd.gradient("model VJP", t -> {
      DynamicsModel.Prediction p = model.predict(t, x);
      return SoftDoubleQTest.dot(p.nextObservations().data(), gs.data()) + SoftDoubleQTest.dot(p.rewards(), gr);
    }, model.predict(theta, x).vjp(gs, gr), theta, rng);
  }

  /** TaskMet's loss after its model step reuses the metric pass: the same bits as evaluating it afresh. */
  @Test
  void atModelGivesTheLossAtTheNewParametersBitForBit() {
    double[] moved = perturbed(theta.clone());
    double[] u = rng.doubles(theta.length, -1, 1).toArray();
    for (MetricParameterization m : new MetricParameterization[] {metric, null}) {
      double[] f = m == null ? new double[0] : phi;
      DynamicsModel.PredictionLoss fresh = model.loss(moved, m, f, x, batch.nextObservations(), batch.rewards());
      DynamicsModel.PredictionLoss reused = model.loss(theta, m, f, x, batch.nextObservations(), batch.rewards())
          .atModel(moved);
      assertThat(reused.value()).isEqualTo(fresh.value());
      assertThat(reused.gradient()).isEqualTo(fresh.gradient());
      assertThat(apply(reused.hessian(), u)).isEqualTo(apply(fresh.hessian(), u));
      assertThat(reused.stateResiduals().data()).isEqualTo(fresh.stateResiduals().data());
      if (m != null) {
        assertThat(reused.mixedProduct(u)).isEqualTo(fresh.mixedProduct(u));
      }
    }
  }

  private DynamicsModel.PredictionLoss loss(double[] t, double[] f) {
    return model.loss(t, metric, f, x, batch.nextObservations(), batch.rewards());
  }

  private static double[] apply(org.taskmet.core.linalg.LinearOperator op, double[] v) {
    double[] out = new double[v.length];
    op.apply(v, out);
    return out;
  }
}
