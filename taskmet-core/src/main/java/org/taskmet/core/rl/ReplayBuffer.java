package org.taskmet.core.rl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.taskmet.api.Matrix;

/**
 * A ring buffer of the most recent transitions, sampled uniformly with replacement (the reference's replay
 * buffer). Within an episode the next observation of one transition is the observation of the next, so each
 * observation is stored once: only transitions that end an episode keep their own next observation. That
 * halves the memory at hundreds of observation dimensions (200,000 transitions of 516 doubles take 0.8 GB
 * instead of 1.7 GB).
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int observationSize;
  private final double[] observations;
  private final int[] actions;
  private final double[] rewards;
  private final boolean[] terminal;
  private final boolean[] episodeEnd;
  /** Next observations of the stored transitions that ended their episode, by slot. */
  private final Map<Integer, double[]> finalObservations = new HashMap<>();
  /** The next observation of the newest transition while its episode goes on. */
  private double[] pendingNext;
  private int newest = -1;
  private int size;

  public ReplayBuffer(int capacity, int observationSize) {
    if (capacity < 1 || observationSize < 1) {
      throw new IllegalArgumentException("replay buffer needs capacity >= 1 and observationSize >= 1, got capacity="
          + capacity + " observationSize=" + observationSize);
    }
    this.capacity = capacity;
    this.observationSize = observationSize;
    this.observations = new double[Math.multiplyExact(capacity, observationSize)];
    this.actions = new int[capacity];
    this.rewards = new double[capacity];
    this.terminal = new boolean[capacity];
    this.episodeEnd = new boolean[capacity];
  }

  /**
   * Stores one transition (copies the arrays).
   *
   * @param terminated s' is terminal (its value is not bootstrapped)
   * @param episodeEnds the episode stopped after this transition (terminated or truncated); the next transition
   *     added then starts a new episode, otherwise it must start from {@code next}
   * @throws IllegalArgumentException when a length is wrong, or the transition does not start where the previous
   *     one (whose episode went on) ended
   */
  public void add(double[] observation, int action, double reward, double[] next, boolean terminated,
      boolean episodeEnds) {
    if (observation.length != observationSize || next.length != observationSize) {
      throw new IllegalArgumentException("replay buffer holds observations of " + observationSize + " values, got "
          + observation.length + " and " + next.length);
    }
    if (pendingNext != null && !Arrays.equals(pendingNext, observation)) {
      throw new IllegalArgumentException("transition does not continue the previous one (its observation differs "
          + "from the previous next observation); mark the previous transition as the end of its episode");
    }
    int slot = (newest + 1) % capacity;
    if (size == capacity) {
      finalObservations.remove(slot);
    }
    System.arraycopy(observation, 0, observations, slot * observationSize, observationSize);
    actions[slot] = action;
    rewards[slot] = reward;
    terminal[slot] = terminated;
    episodeEnd[slot] = episodeEnds;
    if (episodeEnds) {
      finalObservations.put(slot, next.clone());
      pendingNext = null;
    } else {
      pendingNext = next.clone();
    }
    newest = slot;
    size = Math.min(size + 1, capacity);
  }

  /** Transitions stored (at most the capacity). */
  public int size() {
    return size;
  }

  public int capacity() {
    return capacity;
  }

  public int observationSize() {
    return observationSize;
  }

  /** B transitions drawn uniformly with replacement. */
  public Transitions sample(int batchSize, RandomGenerator rng) {
    if (size == 0) {
      throw new IllegalStateException("cannot sample from an empty replay buffer");
    }
    int[] slots = new int[batchSize];
    for (int b = 0; b < batchSize; b++) {
      slots[b] = rng.nextInt(size);
    }
    return gather(slots);
  }

  /** The transitions at the given slots (0 ≤ slot &lt; size), in that order. */
  public Transitions gather(int[] slots) {
    int b = slots.length;
    int d = observationSize;
    double[] s = new double[b * d];
    double[] next = new double[b * d];
    int[] a = new int[b];
    double[] r = new double[b];
    double[] notDone = new double[b];
    for (int i = 0; i < b; i++) {
      int slot = slots[i];
      if (slot < 0 || slot >= size) {
        throw new IllegalArgumentException("slot " + slot + " is out of range [0, " + size + ")");
      }
      System.arraycopy(observations, slot * d, s, i * d, d);
      System.arraycopy(nextObservationOf(slot), nextOffset(slot), next, i * d, d);
      a[i] = actions[slot];
      r[i] = rewards[slot];
      notDone[i] = terminal[slot] ? 0.0 : 1.0;
    }
    return new Transitions(new Matrix(b, d, s), a, r, new Matrix(b, d, next), notDone);
  }

  private double[] nextObservationOf(int slot) {
    if (episodeEnd[slot]) {
      return finalObservations.get(slot);
    }
    return slot == newest ? pendingNext : observations;
  }

  private int nextOffset(int slot) {
    return episodeEnd[slot] || slot == newest ? 0 : ((slot + 1) % capacity) * observationSize;
  }
}
