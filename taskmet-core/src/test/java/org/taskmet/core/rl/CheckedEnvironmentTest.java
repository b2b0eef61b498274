package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.taskmet.api.Environment;

class CheckedEnvironmentTest {
  /** An environment plugin that declares 3 observation values but returns what it is told to. */
  private static Environment broken(double[] first, double[] next, double reward) {
    return new Environment() {
      public int observationSize() {
        return 3;
      }

      public int actionCount() {
        return 2;
      }

      public double[] reset(long seed) {
        return first.clone();
      }

      public Step step(int action) {
        return new Step(next.clone(), reward, false, false);
      }
    };
  }

  @Test
  void aWrongObservationSizeIsNamedWithThePluginAndTheCall() {
    Environment env = new CheckedEnvironment("shaky", broken(new double[] {1, 2}, new double[3], 1));
    assertThatThrownBy(() -> env.reset(7)).isInstanceOf(IllegalStateException.class)
        .hasMessage("environment 'shaky': reset(7) returned an observation of 2 values, but its observationSize() is 3");
  }

  @Test
  void aNonFiniteObservationOrRewardIsNamedWithTheIndexAndStep() {
    Environment nan = new CheckedEnvironment("shaky", broken(new double[3], new double[] {0, Double.NaN, 0}, 1));
    nan.reset(1);
    assertThatThrownBy(() -> nan.step(1)).hasMessage(
        "environment 'shaky': step(1) at episode step 1 returned a non-finite observation value NaN at index 1");
    Environment inf = new CheckedEnvironment("shaky", broken(new double[3], new double[3], Double.POSITIVE_INFINITY));
    inf.reset(1);
    assertThatThrownBy(() -> inf.step(0)).hasMessageContaining("non-finite reward Infinity");
    assertThatThrownBy(() -> inf.step(2)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("action 2 is outside 0..1 of environment 'shaky'");
  }

  @Test
  void aValidEnvironmentPassesThrough() {
    Environment env = new CheckedEnvironment("fine", broken(new double[] {1, 2, 3}, new double[] {4, 5, 6}, 0.5));
    assertThat(env.reset(0)).containsExactly(1, 2, 3);
    Environment.Step s = env.step(0);
    assertThat(s.observation()).containsExactly(4, 5, 6);
    assertThat(s.reward()).isEqualTo(0.5);
    assertThat(env.observationSize()).isEqualTo(3);
    assertThat(env.actionCount()).isEqualTo(2);
  }
}
