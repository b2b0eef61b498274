package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Matrix;
import org.taskmet.conformance.FiniteDifferenceCheck;

class SoftDoubleQTest {
  private static final int D = 5;
  private final SoftDoubleQ q = new SoftDoubleQ(D, 2, 6, 0.99, 0.3);
  private final SplittableRandom rng = new SplittableRandom(17);
  private final Transitions batch = RlFixtures.transitions(12, D, rng);
  private final double[] omega = perturbed(q.initialParameters(rng), rng);
  private final double[] omegaTarget = perturbed(q.initialParameters(rng), rng);
  private final FiniteDifferenceCheck fd = new FiniteDifferenceCheck(1e-6, 1e-6, 1e-10, 60);

  /** Orthogonal init with output gain 1e-2 makes tiny Q values; larger ones exercise the soft minimum. */
  private static double[] perturbed(double[] p, SplittableRandom rng) {
    for (int i = 0; i < p.length; i++) {
      p[i] += 0.4 * rng.nextGaussian();
    }
    return p;
  }

  @Test
  void targetsAreRewardPlusDiscountedSoftValueOfTheElementwiseMinimum() {
    SoftDoubleQ.Targets t = q.targets(omegaTarget, batch.nextObservations(), batch.rewards(), batch.notDone());
    SoftDoubleQ.Heads h = q.forward(omegaTarget, batch.nextObservations());
    for (int b = 0; b < batch.size(); b++) {
      double m0 = Math.min(h.values(0).get(b, 0), h.values(1).get(b, 0));
      double m1 = Math.min(h.values(0).get(b, 1), h.values(1).get(b, 1));
      double v = 0.3 * Math.log(Math.exp(m0 / 0.3) + Math.exp(m1 / 0.3));
      assertThat(t.values()[b]).isCloseTo(batch.rewards()[b] + 0.99 * batch.notDone()[b] * v, within(1e-12));
    }
  }

  @Test
  void targetDerivativeInTheNextObservationsMatchesFiniteDifferences() {
    fd.vjp("Bellman targets in s'", x -> q.targets(omegaTarget, new Matrix(batch.size(), D, x), batch.rewards(),
        batch.notDone()).values().clone(), (x, c) -> q.targets(omegaTarget, new Matrix(batch.size(), D, x),
        batch.rewards(), batch.notDone()).nextObservationCotangent(c).data(), batch.nextObservations().data().clone(),
        rng);
  }

  @Test
  void lossGradientHessianAndTargetCotangentMatchFiniteDifferences() {
    double[] y = q.targets(omegaTarget, batch.nextObservations(), batch.rewards(), batch.notDone()).values();
    fd.gradient("Bellman loss", w -> q.loss(w, batch.observations(), batch.actions(), y).value(),
        q.loss(omega, batch.observations(), batch.actions(), y).gradient().clone(), omega, rng);
    fd.jvp("Bellman loss Hessian", w -> q.loss(w, batch.observations(), batch.actions(), y).gradient().clone(),
        (w, v) -> q.loss(w, batch.observations(), batch.actions(), y).hessianVectorProduct(v), omega, rng);
    // t = −∂(∇_ω L·g)/∂y: a finite difference in the targets
    double[] g = rng.doubles(q.parameterCount(), -1, 1).toArray();
    double[] t = q.loss(omega, batch.observations(), batch.actions(), y).targetCotangent(g);
    fd.gradient("target cotangent", z -> -dot(q.loss(omega, batch.observations(), batch.actions(), z).gradient(), g),
        t, y.clone(), rng);
  }

  @Test
  void polyakAveragingAndSoftmaxSamplingFollowTheirFormulas() {
    double[] target = {1, 2};
    SoftDoubleQ.polyakUpdate(target, new double[] {3, 6}, 0.25);
    assertThat(target).containsExactly(1.5, 3.0);
    double[] obs = batch.observations().row(0);
    SoftDoubleQ.Heads h = q.forward(omega, new Matrix(1, D, obs));
    double l0 = 0.5 * (h.values(0).get(0, 0) + h.values(1).get(0, 0)) / 0.3;
    double l1 = 0.5 * (h.values(0).get(0, 1) + h.values(1).get(0, 1)) / 0.3;
    double p1 = 1 / (1 + Math.exp(l0 - l1));
    SplittableRandom draws = new SplittableRandom(3);
    int n = 40_000;
    int ones = 0;
    for (int i = 0; i < n; i++) {
      ones += q.sampleAction(omega, obs, draws);
    }
    // binomial: 5 standard deviations
    assertThat((double) ones / n).isCloseTo(p1, within(5 * Math.sqrt(p1 * (1 - p1) / n) + 1e-9));
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
