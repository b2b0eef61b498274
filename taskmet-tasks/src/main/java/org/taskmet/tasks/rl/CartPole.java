package org.taskmet.tasks.rl;

import java.util.SplittableRandom;
import org.taskmet.api.Environment;

/**
 * The classic cart-pole (Barto, Sutton &amp; Anderson 1983) with Gym's {@code CartPole-v1} equations and
 * constants: state (x, ẋ, θ, θ̇), action 0 pushes left and 1 right with a fixed force, explicit Euler
 * integration, reward +1 on every step (the terminating one included), termination when |x| &gt; 2.4 or
 * |θ| &gt; 12°, truncation after 500 steps, initial state uniform on ±0.05 in every variable.
 *
 * <p>The dynamics (Florian 2007's correction of the original paper, as in Gym), with F = ±force,
 * l = half pole length, m_p the pole mass and M = m_cart + m_p:
 * <pre>
 *   t  = (F + m_p l θ̇² sin θ) / M
 *   θ̈  = (g sin θ − cos θ · t) / (l (4/3 − m_p cos²θ / M))
 *   ẍ  = t − m_p l θ̈ cos θ / M
 *   x ← x + τ ẋ,  ẋ ← ẋ + τ ẍ,  θ ← θ + τ θ̇,  θ̇ ← θ̇ + τ θ̈
 * </pre>
 */
public final class CartPole implements Environment {
  /** The plugin name. */
  public static final String NAME = "cartpole";

  private final CartPoleConfig config;
  private final double angleLimitRadians;
  private final double[] state = new double[4];
  private int steps;
  private boolean running;

  public CartPole(CartPoleConfig config) {
    this.config = config.validate();
    this.angleLimitRadians = config.angleLimitDegrees() * 2 * Math.PI / 360;
  }

  @Override
  public int observationSize() {
    return 4;
  }

  @Override
  public int actionCount() {
    return 2;
  }

  @Override
  public double[] reset(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double b = config.initialStateBound();
    for (int i = 0; i < 4; i++) {
      state[i] = rng.nextDouble(-b, b);
    }
    steps = 0;
    running = true;
    return state.clone();
  }

  @Override
  public Step step(int action) {
    if (action != 0 && action != 1) {
      throw new IllegalArgumentException(NAME + ": action " + action + " is invalid; expected 0 (left) or 1 (right)");
    }
    if (!running) {
      throw new IllegalStateException(NAME + ": step() called without a running episode; call reset(seed) first");
    }
    double x = state[0];
    double xDot = state[1];
    double theta = state[2];
    double thetaDot = state[3];
    double force = action == 1 ? config.forceMagnitude() : -config.forceMagnitude();
    double cos = Math.cos(theta);
    double sin = Math.sin(theta);
    double totalMass = config.cartMass() + config.poleMass();
    double poleMassLength = config.poleMass() * config.halfPoleLength();
    double temp = (force + poleMassLength * thetaDot * thetaDot * sin) / totalMass;
    double thetaAcc = (config.gravity() * sin - cos * temp)
        / (config.halfPoleLength() * (4.0 / 3.0 - config.poleMass() * cos * cos / totalMass));
    double xAcc = temp - poleMassLength * thetaAcc * cos / totalMass;
    double tau = config.tau();
    state[0] = x + tau * xDot;
    state[1] = xDot + tau * xAcc;
    state[2] = theta + tau * thetaDot;
    state[3] = thetaDot + tau * thetaAcc;
    steps++;
    boolean terminated = state[0] < -config.positionLimit() || state[0] > config.positionLimit()
        || state[2] < -angleLimitRadians || state[2] > angleLimitRadians;
    boolean truncated = steps >= config.maxEpisodeSteps();
    running = !terminated && !truncated;
    return new Step(state.clone(), 1.0, terminated, truncated);
  }

  /** Sets the state of the running episode (tests start from hand-picked states). */
  void setStateForTest(double... s) {
    System.arraycopy(s, 0, state, 0, 4);
  }

  @Override
  public String toString() {
    return "CartPole[" + config + "]";
  }
}
