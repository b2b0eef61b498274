package org.taskmet.core.rl;

import org.taskmet.api.Environment;

/**
 * Guards an environment plugin: every observation must have {@link #observationSize()} finite values and every
 * reward must be finite. A plugin that breaks its contract fails at once with a message naming it, the call
 * and the offending value, instead of a NaN spreading through the networks or an index error deep inside
 * the agent.
 */
public final class CheckedEnvironment implements Environment {
  private final String name;
  private final Environment inner;
  private final int observationSize;
  private final int actionCount;
  private long episodeStep;

  /**
   * @param name the plugin's name (and anything that identifies the instance, e.g. "cartpole + 64 distractors")
   * @throws IllegalStateException when the declared sizes are not positive
   */
  public CheckedEnvironment(String name, Environment inner) {
    this.name = name;
    this.inner = inner;
    this.observationSize = inner.observationSize();
    this.actionCount = inner.actionCount();
    if (observationSize < 1 || actionCount < 1) {
      throw new IllegalStateException("environment '" + name + "' declares observationSize() = " + observationSize
          + " and actionCount() = " + actionCount + "; both must be >= 1");
    }
  }

  @Override
  public int observationSize() {
    return observationSize;
  }

  @Override
  public int actionCount() {
    return actionCount;
  }

  @Override
  public double[] reset(long seed) {
    episodeStep = 0;
    return check(inner.reset(seed), "reset(" + seed + ")");
  }

  @Override
  public Step step(int action) {
    if (action < 0 || action >= actionCount) {
      throw new IllegalArgumentException("action " + action + " is outside 0.." + (actionCount - 1) + " of environment '"
          + name + "'");
    }
    Step s = inner.step(action);
    episodeStep++;
    String call = "step(" + action + ") at episode step " + episodeStep;
    if (s == null) {
      throw new IllegalStateException("environment '" + name + "': " + call + " returned null");
    }
    check(s.observation(), call);
    if (!Double.isFinite(s.reward())) {
      throw new IllegalStateException("environment '" + name + "': " + call + " returned a non-finite reward "
          + s.reward());
    }
    return s;
  }

  private double[] check(double[] observation, String call) {
    if (observation == null || observation.length != observationSize) {
      throw new IllegalStateException("environment '" + name + "': " + call + " returned an observation of "
          + (observation == null ? "null" : observation.length + " values") + ", but its observationSize() is "
          + observationSize);
    }
    for (int i = 0; i < observation.length; i++) {
      if (!Double.isFinite(observation[i])) {
        throw new IllegalStateException("environment '" + name + "': " + call + " returned a non-finite observation "
            + "value " + observation[i] + " at index " + i);
      }
    }
    return observation;
  }

  @Override
  public String toString() {
    return name;
  }
}
