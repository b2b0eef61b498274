package org.taskmet.core.rl;

import java.util.SplittableRandom;
import org.taskmet.api.Environment;
import org.taskmet.api.Matrix;

/** Synthetic transitions and a toy environment for the RL tests. */
final class RlFixtures {
  private RlFixtures() {}

  /**
   * B transitions of a smooth made-up system in d dimensions with 2 actions: s' = 0.9 s + 0.1 tanh(s) ± 0.2 on
   * the first coordinate, r = 1 − 0.1 s₀², every fifth transition terminal.
   */
  static Transitions transitions(int batch, int d, SplittableRandom rng) {
    double[] s = new double[batch * d];
    double[] next = new double[batch * d];
    int[] a = new int[batch];
    double[] r = new double[batch];
    double[] notDone = new double[batch];
    for (int b = 0; b < batch; b++) {
      a[b] = rng.nextInt(2);
      for (int i = 0; i < d; i++) {
        s[b * d + i] = rng.nextGaussian();
      }
      for (int i = 0; i < d; i++) {
        double x = s[b * d + i];
        next[b * d + i] = 0.9 * x + 0.1 * Math.tanh(s[b * d + (i + 1) % d]) + (i == 0 ? (a[b] == 1 ? 0.2 : -0.2) : 0)
            + 0.05 * rng.nextGaussian();
      }
      r[b] = 1 - 0.1 * s[b * d] * s[b * d];
      notDone[b] = b % 5 == 4 ? 0.0 : 1.0;
    }
    return new Transitions(new Matrix(batch, d, s), a, r, new Matrix(batch, d, next), notDone);
  }

  /**
   * A 1-d walk: the state x starts at 0, action 1 moves it by +1 and action 0 by −1 (plus N(0, 0.1) noise),
   * reward 1 while |x| ≤ 3; the episode terminates when |x| &gt; 3 and is truncated after {@code limit} steps.
   * The observation is (x, step/limit).
   */
  static final class Walk implements Environment {
    private final int limit;
    private SplittableRandom rng;
    private double x;
    private int t;

    Walk(int limit) {
      this.limit = limit;
    }

    @Override
    public int observationSize() {
      return 2;
    }

    @Override
    public int actionCount() {
      return 2;
    }

    @Override
    public double[] reset(long seed) {
      rng = new SplittableRandom(seed);
      x = 0.1 * rng.nextGaussian();
      t = 0;
      return new double[] {x, 0};
    }

    @Override
    public Step step(int action) {
      x += (action == 1 ? 1 : -1) + 0.1 * rng.nextGaussian();
      t++;
      boolean terminated = Math.abs(x) > 3;
      return new Step(new double[] {x, (double) t / limit}, terminated ? 0.0 : 1.0, terminated, t >= limit);
    }
  }
}
