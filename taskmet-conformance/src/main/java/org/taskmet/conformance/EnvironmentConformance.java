package org.taskmet.conformance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.taskmet.api.Environment;

/**
 * Checks for an {@code environment} plugin ({@link Environment}): declared sizes, the shape and finiteness of
 * every observation and reward over a few episodes of random actions, bit-identical episodes for the same seed
 * and actions, and actions outside the declared range rejected. Each method throws an {@link AssertionError}
 * naming the call and the offending value.
 */
public final class EnvironmentConformance {
  private EnvironmentConformance() {}

  /** Every observation value and reward of a played sequence, in order (to compare two plays bit for bit). */
  private record Trace(List<double[]> observations, List<Double> rewards, List<Boolean> ends) {}

  /**
   * Plays {@code steps} steps of uniformly random actions (drawn from {@code seed}), resetting with seed + episode
   * after each episode, and checks every value on the way.
   */
  public static void checkEpisodes(Environment env, long seed, int steps) {
    play(env, seed, steps);
  }

  /** Two plays with the same seed and actions give bit-identical observations, rewards and episode ends. */
  public static void checkDeterministic(Environment env, long seed, int steps) {
    Trace a = play(env, seed, steps);
    Trace b = play(env, seed, steps);
    for (int i = 0; i < a.observations().size(); i++) {
      if (!Arrays.equals(a.observations().get(i), b.observations().get(i))) {
        throw new AssertionError("observation " + i + " differs between two plays with seed " + seed
            + " and the same actions: " + Arrays.toString(a.observations().get(i)) + " vs "
            + Arrays.toString(b.observations().get(i)) + " (draw every random value from the generator reset(seed) seeds)");
      }
    }
    if (!a.rewards().equals(b.rewards()) || !a.ends().equals(b.ends())) {
      throw new AssertionError("rewards or episode ends differ between two plays with seed " + seed
          + " and the same actions");
    }
  }

  /** step(actionCount()) and step(−1) throw {@link IllegalArgumentException}, as {@link Environment#step} says. */
  public static void checkActionRange(Environment env, long seed) {
    for (int bad : new int[] {env.actionCount(), -1}) {
      env.reset(seed);
      try {
        env.step(bad);
      } catch (IllegalArgumentException expected) {
        continue;
      } catch (RuntimeException e) {
        throw new AssertionError("step(" + bad + ") with actionCount() = " + env.actionCount() + " threw "
            + e.getClass().getSimpleName() + ", expected IllegalArgumentException");
      }
      throw new AssertionError("step(" + bad + ") with actionCount() = " + env.actionCount()
          + " was accepted; expected IllegalArgumentException");
    }
  }

  private static Trace play(Environment env, long seed, int steps) {
    int size = env.observationSize();
    int actions = env.actionCount();
    if (size < 1 || actions < 1) {
      throw new AssertionError("observationSize() = " + size + " and actionCount() = " + actions
          + "; both must be >= 1");
    }
    SplittableRandom rng = new SplittableRandom(seed);
    Trace t = new Trace(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    int episode = 0;
    t.observations().add(observation(env.reset(seed), size, "reset(" + seed + ")"));
    for (int s = 0; s < steps; s++) {
      int action = rng.nextInt(actions);
      Environment.Step step = env.step(action);
      String call = "step(" + action + ") at step " + (s + 1) + " of the play from seed " + seed;
      if (step == null) {
        throw new AssertionError(call + " returned null");
      }
      t.observations().add(observation(step.observation(), size, call));
      if (!Double.isFinite(step.reward())) {
        throw new AssertionError(call + " returned a non-finite reward " + step.reward());
      }
      t.rewards().add(step.reward());
      t.ends().add(step.done());
      if (step.done()) {
        episode++;
        t.observations().add(observation(env.reset(seed + episode), size, "reset(" + (seed + episode) + ")"));
      }
    }
    return t;
  }

  private static double[] observation(double[] o, int size, String call) {
    if (o == null || o.length != size) {
      throw new AssertionError(call + " returned an observation of " + (o == null ? "null" : o.length + " values")
          + ", but observationSize() is " + size);
    }
    for (int i = 0; i < o.length; i++) {
      if (!Double.isFinite(o[i])) {
        throw new AssertionError(call + " returned a non-finite observation value " + o[i] + " at index " + i);
      }
    }
    return o.clone();
  }
}
