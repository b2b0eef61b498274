package org.taskmet.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.taskmet.api.Environment;
import org.taskmet.api.NoConfig;
import org.taskmet.api.PluginKind;
import org.taskmet.api.PluginProvider;

/** The environment checks pass a correct plugin and fail each kind of broken one, naming the check and the value. */
class EnvironmentConformanceTest {
  /**
   * A random walk on 3 values with 2 actions, episodes of 7 steps. Broken variants: {@code observe} spoils every
   * observation, {@code nanAtStep} puts a NaN at index 2 at that step of each episode, {@code seedless} draws from a
   * generator reset ignores, and without {@code checksActions} any action is accepted.
   */
  static final class Walk implements Environment {
    private final Function<double[], double[]> observe;
    private final int nanAtStep;
    private final boolean seedless;
    private final boolean checksActions;
    private final SplittableRandom unseeded = new SplittableRandom(123);
    private SplittableRandom rng;
    private double[] state;
    private int t;

    Walk(Function<double[], double[]> observe, int nanAtStep, boolean seedless, boolean checksActions) {
      this.observe = observe;
      this.nanAtStep = nanAtStep;
      this.seedless = seedless;
      this.checksActions = checksActions;
    }

    static Walk correct() {
      return new Walk(o -> o, -1, false, true);
    }

    @Override
    public int observationSize() {
      return 3;
    }

    @Override
    public int actionCount() {
      return 2;
    }

    @Override
    public double[] reset(long seed) {
      rng = seedless ? unseeded : new SplittableRandom(seed);
      state = new double[] {rng.nextGaussian(), rng.nextGaussian(), rng.nextGaussian()};
      t = 0;
      return observe.apply(state.clone());
    }

    @Override
    public Step step(int action) {
      if (checksActions && (action < 0 || action > 1)) {
        throw new IllegalArgumentException("action " + action);
      }
      t++;
      for (int i = 0; i < 3; i++) {
        state[i] += (action == 0 ? -0.1 : 0.1) + 0.01 * rng.nextGaussian();
      }
      double[] o = observe.apply(state.clone());
      if (t == nanAtStep) {
        o[2] = Double.NaN;
      }
      return new Step(o, 1.0, false, t == 7);
    }
  }

  static List<PluginChecks.Result> failures(Environment env) {
    PluginProvider<Environment, NoConfig> p = PluginProvider.of("walk", PluginKind.ENVIRONMENT, "test walk",
        NoConfig.class, new NoConfig(), c -> env);
    return PluginChecks.run(List.of(p), PluginChecks.Options.defaults()).stream()
        .filter(r -> r.status() == PluginChecks.Status.FAIL).toList();
  }

  @Test
  void aCorrectEnvironmentPassesEveryCheck() {
    List<PluginChecks.Result> all = PluginChecks.run(List.of(PluginProvider.of("walk", PluginKind.ENVIRONMENT,
        "test walk", NoConfig.class, new NoConfig(), c -> Walk.correct())), PluginChecks.Options.defaults());
    assertThat(all).extracting(PluginChecks.Result::check).contains(
        "observations and rewards over 200 random steps", "episodes deterministic per seed",
        "actions outside the range rejected");
    assertThat(all).allMatch(r -> r.status() == PluginChecks.Status.PASS);
  }

  @Test
  void aWrongObservationSizeFailsNamingTheCall() {
    List<PluginChecks.Result> f = failures(new Walk(o -> new double[] {o[0], o[1]}, -1, false, true));
    assertThat(f).extracting(PluginChecks.Result::check).contains("observations and rewards over 200 random steps");
    assertThat(f.get(0).detail()).isEqualTo("reset(42) returned an observation of 2 values, but observationSize() is 3");
  }

  @Test
  void aNanObservationFailsNamingTheStepAndIndex() {
    List<PluginChecks.Result> f = failures(new Walk(o -> o, 3, false, true));
    assertThat(f).extracting(PluginChecks.Result::check).contains("observations and rewards over 200 random steps");
    assertThat(f.get(0).detail()).matches("step\\([01]\\) at step 3 of the play from seed 42 returned a non-finite "
        + "observation value NaN at index 2");
  }

  @Test
  void episodesThatIgnoreTheSeedFailTheDeterminismCheck() {
    assertThat(failures(new Walk(o -> o, -1, true, true))).extracting(PluginChecks.Result::check)
        .containsExactly("episodes deterministic per seed");
  }

  @Test
  void anOutOfRangeActionThatIsAcceptedFailsTheActionCheck() {
    List<PluginChecks.Result> f = failures(new Walk(o -> o, -1, false, false));
    assertThat(f).extracting(PluginChecks.Result::check).containsExactly("actions outside the range rejected");
    assertThat(f.get(0).detail()).isEqualTo("step(2) with actionCount() = 2 was accepted; expected "
        + "IllegalArgumentException");
  }
}
