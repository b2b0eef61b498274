package org.taskmet.tasks.rl;

import static org.taskmet.core.method.ConfigChecks.above;
import static org.taskmet.core.method.ConfigChecks.atLeast;

/**
 * Settings of {@link CartPole}. The defaults are Gym's {@code CartPole-v1}; change them only to study the
 * environment, not to compare with published returns.
 *
 * @param gravity g in m/s² (9.8)
 * @param cartMass kg (1.0)
 * @param poleMass kg (0.1)
 * @param halfPoleLength half the pole's length in m (0.5)
 * @param forceMagnitude the push of either action in N (10.0)
 * @param tau seconds per step of the explicit Euler integration (0.02)
 * @param positionLimit the episode terminates when |x| exceeds it, in m (2.4)
 * @param angleLimitDegrees the episode terminates when |θ| exceeds it, in degrees (12)
 * @param maxEpisodeSteps the episode is truncated after this many steps (500)
 * @param initialStateBound each state variable starts uniform on ±bound (0.05)
 */
public record CartPoleConfig(double gravity, double cartMass, double poleMass, double halfPoleLength,
    double forceMagnitude, double tau, double positionLimit, double angleLimitDegrees, int maxEpisodeSteps,
    double initialStateBound) {

  /** Gym's CartPole-v1. */
  public static CartPoleConfig defaults() {
    return new CartPoleConfig(9.8, 1.0, 0.1, 0.5, 10.0, 0.02, 2.4, 12.0, 500, 0.05);
  }

  /** Throws naming the field when a value is out of range. */
  public CartPoleConfig validate() {
    String p = CartPole.NAME;
    above(p, "gravity", gravity, 0);
    above(p, "cartMass", cartMass, 0);
    above(p, "poleMass", poleMass, 0);
    above(p, "halfPoleLength", halfPoleLength, 0);
    above(p, "forceMagnitude", forceMagnitude, 0);
    above(p, "tau", tau, 0);
    above(p, "positionLimit", positionLimit, 0);
    above(p, "angleLimitDegrees", angleLimitDegrees, 0);
    atLeast(p, "maxEpisodeSteps", maxEpisodeSteps, 1);
    above(p, "initialStateBound", initialStateBound, 0);
    return this;
  }
}
