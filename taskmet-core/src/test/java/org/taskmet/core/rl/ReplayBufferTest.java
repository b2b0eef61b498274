package org.taskmet.core.rl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReplayBufferTest {
  /** One stored transition, kept outside the buffer for comparison. */
  private record Kept(double[] s, int a, double r, double[] next, boolean terminal) {}

  /**
   * Episodes of random lengths through a small ring: every stored slot must give back exactly its own transition,
   * including the next observation of the newest transition, of episode ends and across the wrap-around.
   */
  @Test
  void givesBackEveryStoredTransitionAcrossEpisodesAndWrapAround() {
    SplittableRandom rng = new SplittableRandom(4);
    int capacity = 37;
    ReplayBuffer buffer = new ReplayBuffer(capacity, 3);
    List<Kept> all = new ArrayList<>();
    double[] s = rng.doubles(3).toArray();
    for (int t = 0; t < 200; t++) {
      double[] next = rng.doubles(3).toArray();
      boolean ends = rng.nextInt(6) == 0;
      boolean terminal = ends && rng.nextBoolean();
      int a = rng.nextInt(2);
      double r = rng.nextDouble();
      buffer.add(s, a, r, next, terminal, ends);
      all.add(new Kept(s, a, r, next, terminal));
      s = ends ? rng.doubles(3).toArray() : next;
      int stored = Math.min(all.size(), capacity);
      assertThat(buffer.size()).isEqualTo(stored);
      // slot i holds transition number (newest − (newest − i) mod capacity)
      int newestSlot = (all.size() - 1) % capacity;
      for (int slot = 0; slot < stored; slot++) {
        int age = Math.floorMod(newestSlot - slot, capacity);
        Kept k = all.get(all.size() - 1 - age);
        Transitions got = buffer.gather(new int[] {slot});
        assertThat(got.observations().data()).containsExactly(k.s());
        assertThat(got.nextObservations().data()).containsExactly(k.next());
        assertThat(got.actions()[0]).isEqualTo(k.a());
        assertThat(got.rewards()[0]).isEqualTo(k.r());
        assertThat(got.notDone()[0]).isEqualTo(k.terminal() ? 0.0 : 1.0);
      }
    }
  }

  @Test
  void samplesUniformlyWithReplacement() {
    ReplayBuffer buffer = new ReplayBuffer(10, 1);
    for (int t = 0; t < 4; t++) {
      buffer.add(new double[] {t}, 0, t, new double[] {t + 1}, false, false);
    }
    int[] counts = new int[4];
    SplittableRandom rng = new SplittableRandom(1);
    int n = 40_000;
    Transitions batch = buffer.sample(n, rng);
    for (int b = 0; b < n; b++) {
      counts[(int) batch.rewards()[b]]++;
    }
    for (int c : counts) {
      // each of 4 slots with probability 1/4: 5 binomial standard deviations
      assertThat((double) c / n).isBetween(0.25 - 5 * Math.sqrt(0.25 * 0.75 / n), 0.25 + 5 * Math.sqrt(0.25 * 0.75 / n));
    }
  }

  @Test
  void rejectsATransitionThatDoesNotContinueThePreviousOne() {
    ReplayBuffer buffer = new ReplayBuffer(5, 2);
    buffer.add(new double[] {0, 0}, 0, 1, new double[] {1, 1}, false, false);
    assertThatThrownBy(() -> buffer.add(new double[] {2, 2}, 0, 1, new double[] {3, 3}, false, false))
        .hasMessageContaining("does not continue the previous one");
    assertThatThrownBy(() -> buffer.add(new double[] {1}, 0, 1, new double[] {3, 3}, false, false))
        .hasMessageContaining("observations of 2 values");
    assertThatThrownBy(() -> new ReplayBuffer(5, 2).sample(3, new SplittableRandom(1)))
        .hasMessageContaining("empty replay buffer");
  }
}
