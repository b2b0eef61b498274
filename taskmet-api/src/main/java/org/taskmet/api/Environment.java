package org.taskmet.api;

/**
 * An episodic reinforcement-learning environment with a finite action set and real-valued observations:
 * what an {@code environment} plugin provides (e.g. {@code cartpole}).
 *
 * <p>An instance holds one running episode and is used by one thread. A plugin's
 * {@link PluginProvider#create} returns a fresh, independent instance on every call, so a runner makes one
 * for training and another for evaluation.
 *
 * <p>Determinism: everything random about an episode (the initial state, noise in the dynamics) is drawn from
 * a generator seeded by {@link #reset(long)}, so the same seed and the same actions give bit-identical
 * observations and rewards.
 */
public interface Environment {
  /** The length of every observation. */
  int observationSize();

  /** Actions are the integers 0 .. actionCount − 1. */
  int actionCount();

  /**
   * Starts a new episode.
   *
   * @param seed seeds every random draw of this episode
   * @return the first observation (a fresh array of length {@link #observationSize()})
   */
  double[] reset(long seed);

  /**
   * Applies {@code action} and advances one time step.
   *
   * @throws IllegalArgumentException when the action is outside 0 .. actionCount − 1
   * @throws IllegalStateException when no episode is running (before the first reset, or after the episode
   *     terminated or was truncated)
   */
  Step step(int action);

  /**
   * The outcome of one step.
   *
   * @param observation the next observation (a fresh array of length {@link #observationSize()})
   * @param reward the reward of this transition
   * @param terminated the episode reached a terminal state (no bootstrapping from it)
   * @param truncated the episode was cut off by a time limit (the state is not terminal)
   */
  record Step(double[] observation, double reward, boolean terminated, boolean truncated) {
    /** The episode is over, either way. */
    public boolean done() {
      return terminated || truncated;
    }
  }
}
