package org.taskmet.tasks.rl;

import java.util.SplittableRandom;
import org.taskmet.api.Environment;

/**
 * Appends k distracting dimensions to every observation of another environment: fresh i.i.d. N(0, 1)
 * draws at every reset and every step, independent of the state and the actions (TaskMet's CartPole
 * experiment, reference §4.1). The true observation comes first, so dimension i &lt; inner size keeps its
 * meaning. Rewards, termination and truncation are the inner environment's.
 *
 * <p>{@link #reset(long)} splits its seed into one for the inner environment and one for the noise, so the
 * true states do not depend on k.
 */
public final class DistractorWrapper implements Environment {
  private final Environment inner;
  private final int distractors;
  private SplittableRandom noise;

  /**
   * @param inner the environment whose observations are extended
   * @param distractors k ≥ 0, the number of appended N(0, 1) dimensions
   */
  public DistractorWrapper(Environment inner, int distractors) {
    if (distractors < 0) {
      throw new IllegalArgumentException("the number of distractors must be >= 0, got " + distractors);
    }
    this.inner = inner;
    this.distractors = distractors;
  }

  /** k. */
  public int distractors() {
    return distractors;
  }

  @Override
  public int observationSize() {
    return inner.observationSize() + distractors;
  }

  @Override
  public int actionCount() {
    return inner.actionCount();
  }

  @Override
  public double[] reset(long seed) {
    SplittableRandom root = new SplittableRandom(seed);
    double[] first = inner.reset(root.nextLong());
    noise = root.split();
    return extend(first);
  }

  @Override
  public Step step(int action) {
    if (noise == null) {
      throw new IllegalStateException("distractor wrapper: step() called before reset(seed)");
    }
    Step s = inner.step(action);
    return new Step(extend(s.observation()), s.reward(), s.terminated(), s.truncated());
  }

  private double[] extend(double[] observation) {
    int n = observation.length;
    double[] out = new double[n + distractors];
    System.arraycopy(observation, 0, out, 0, n);
    for (int i = n; i < out.length; i++) {
      out[i] = noise.nextGaussian();
    }
    return out;
  }

  @Override
  public String toString() {
    return inner + " + " + distractors + " distractors";
  }
}
