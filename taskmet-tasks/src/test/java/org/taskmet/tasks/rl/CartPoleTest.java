package org.taskmet.tasks.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.taskmet.api.Environment;
import org.taskmet.conformance.PluginChecks;

class CartPoleTest {
  private static final double EPS = 1e-14;

  /** A CartPole started in a chosen state (reset draws the state; this sets it exactly). */
  private static CartPole at(double... state) {
    CartPole env = new CartPole(CartPoleConfig.defaults());
    env.reset(0);
    env.setStateForTest(state);
    return env;
  }

  /**
   * From rest, pushing right: t = F/M = 100/11, θ̈ = −t / (l(4/3 − m_p/M)) = −(100/11)/(41/66) = −600/41,
   * ẍ = t − m_p l θ̈ / M = 100/11 + 300/451 = 4400/451; Euler moves the velocities only.
   */
  @Test
  void firstTwoStepsFromRestMatchTheClosedForm() {
    CartPole env = at(0, 0, 0, 0);
    Environment.Step s = env.step(1);
    assertThat(s.observation()[0]).isZero();
    assertThat(s.observation()[1]).isCloseTo(0.02 * 4400 / 451, within(EPS));
    assertThat(s.observation()[2]).isZero();
    assertThat(s.observation()[3]).isCloseTo(-0.02 * 600 / 41, within(EPS));
    assertThat(s.reward()).isEqualTo(1.0);
    assertThat(s.terminated()).isFalse();
    assertThat(s.truncated()).isFalse();
    // second step: θ is still 0 when the accelerations are evaluated, so they repeat; positions use old velocities
    Environment.Step t = env.step(1);
    assertThat(t.observation()[0]).isCloseTo(0.02 * 0.02 * 4400 / 451, within(EPS));
    assertThat(t.observation()[1]).isCloseTo(2 * 0.02 * 4400 / 451, within(EPS));
    assertThat(t.observation()[2]).isCloseTo(0.02 * -0.02 * 600 / 41, within(EPS));
    assertThat(t.observation()[3]).isCloseTo(2 * -0.02 * 600 / 41, within(EPS));
  }

  /**
   * From (x, ẋ, θ, θ̇) = (0.1, −0.2, 0.05, 0.3) pushing left (F = −10), worked by hand: cos θ = 0.99875026039,
   * sin θ = 0.04997916927, t = (F + m_p l θ̇² sin θ)/M = −9.09070463067, θ̈ = (g sin θ − cos θ·t) /
   * (l (4/3 − m_p cos²θ/M)) = 15.4011656803, ẍ = t − m_p l θ̈ cos θ / M = −9.78988273220.
   */
  @Test
  void aGeneralStateStepsByTheCartPoleEquations() {
    Environment.Step s = at(0.1, -0.2, 0.05, 0.3).step(0);
    assertThat(s.observation()[0]).isCloseTo(0.1 + 0.02 * -0.2, within(EPS));
    assertThat(s.observation()[1]).isCloseTo(-0.2 + 0.02 * -9.78988273219813, within(1e-12));
    assertThat(s.observation()[2]).isCloseTo(0.05 + 0.02 * 0.3, within(EPS));
    assertThat(s.observation()[3]).isCloseTo(0.3 + 0.02 * 15.401165680307574, within(1e-12));
  }

  @Test
  void terminatesBeyondThePositionAndAngleLimits() {
    assertThat(at(2.39, 1.0, 0, 0).step(1).terminated()).isTrue(); // x = 2.39 + 0.02 > 2.4
    assertThat(at(2.37, 1.0, 0, 0).step(1).terminated()).isFalse();
    double limit = 12 * 2 * Math.PI / 360;
    assertThat(at(0, 0, limit - 0.001, 0.1).step(1).terminated()).isTrue(); // θ + 0.002 > 12°
    assertThat(at(0, 0, -limit + 0.001, -0.1).step(0).terminated()).isTrue();
    assertThat(at(0, 0, limit - 0.003, 0.1).step(0).terminated()).isFalse();
    CartPole done = at(2.39, 1.0, 0, 0);
    done.step(1);
    assertThatThrownBy(() -> done.step(0)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a running episode");
  }

  /** A balancing controller keeps the pole up; the episode is truncated (not terminated) after exactly 500 steps. */
  @Test
  void truncatesAfter500StepsWithPlusOnePerStep() {
    CartPole env = new CartPole(CartPoleConfig.defaults());
    double[] s = env.reset(3);
    double total = 0;
    for (int t = 1; t <= 500; t++) {
      Environment.Step step = env.step(s[2] + 0.5 * s[3] + 0.01 * s[0] + 0.05 * s[1] > 0 ? 1 : 0);
      total += step.reward();
      assertThat(step.terminated()).as("step %d", t).isFalse();
      assertThat(step.truncated()).as("step %d", t).isEqualTo(t == 500);
      s = step.observation();
    }
    assertThat(total).isEqualTo(500.0);
  }

  @Test
  void resetDrawsEachStateVariableUniformlyOnPlusMinus005AndIsSeeded() {
    CartPole env = new CartPole(CartPoleConfig.defaults());
    int n = 20_000;
    double[] sum = new double[4];
    double[] min = {1, 1, 1, 1};
    double[] max = {-1, -1, -1, -1};
    for (int i = 0; i < n; i++) {
      double[] s = env.reset(i);
      for (int j = 0; j < 4; j++) {
        sum[j] += s[j];
        min[j] = Math.min(min[j], s[j]);
        max[j] = Math.max(max[j], s[j]);
      }
    }
    for (int j = 0; j < 4; j++) {
      // U(−0.05, 0.05): mean 0, sd 0.05/√3; 5 standard errors
      assertThat(sum[j] / n).isCloseTo(0.0, within(5 * 0.05 / Math.sqrt(3) / Math.sqrt(n)));
      assertThat(min[j]).isBetween(-0.05, -0.0499);
      assertThat(max[j]).isBetween(0.0499, 0.05);
    }
    assertThat(env.reset(42)).containsExactly(new CartPole(CartPoleConfig.defaults()).reset(42));
  }

  @Test
  void badActionsAndConfigsAreNamed() {
    CartPole env = at(0, 0, 0, 0);
    assertThatThrownBy(() -> env.step(2)).hasMessageContaining("cartpole: action 2 is invalid");
    CartPoleConfig d = CartPoleConfig.defaults();
    assertThatThrownBy(() -> new CartPole(new CartPoleConfig(d.gravity(), d.cartMass(), d.poleMass(), -1, d.forceMagnitude(),
        d.tau(), d.positionLimit(), d.angleLimitDegrees(), d.maxEpisodeSteps(), d.initialStateBound())))
        .hasMessageContaining("'halfPoleLength' = -1.0");
  }

  @Test
  void thePluginPassesTheEnvironmentConformanceChecks() {
    PluginChecks.assertConforms(new CartPoleProvider());
  }
}
