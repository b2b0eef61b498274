package org.taskmet.bench.sweep;

import java.util.HashMap;
import java.util.Map;

/**
 * How much of a sweep's work is done, in thousandths of a trial of average cost: each trial weighs its relative cost,
 * a running trial counts with the fraction of its steps done, a finished one with its whole weight. A trial's share
 * never goes down, even when it raises its own step total midway (the progress bar must not step backwards).
 */
final class WorkTally {
  /** Units per trial of average cost. */
  static final long UNIT = 1000;

  private final Map<String, Long> weight = new HashMap<>();
  private final Map<String, Long> done = new HashMap<>();
  private long total;
  private long sum;
  private int finished;

  /** @param cost trial id → relative cost (non-positive or non-finite counts as 1) */
  WorkTally(Map<String, Double> cost) {
    double all = 0;
    for (double c : cost.values()) {
      all += usable(c);
    }
    for (Map.Entry<String, Double> e : cost.entrySet()) {
      long w = Math.max(1, Math.round(UNIT * cost.size() * usable(e.getValue()) / all));
      weight.put(e.getKey(), w);
      total += w;
    }
  }

  private static double usable(double c) {
    return c > 0 && Double.isFinite(c) ? c : 1.0;
  }

  /** The units of all trials together. */
  long total() {
    return total;
  }

  /** The units done so far. */
  long done() {
    return sum;
  }

  /** Trials finished (or failed) so far. */
  int finished() {
    return finished;
  }

  /** Trials in the tally. */
  int trials() {
    return weight.size();
  }

  /** Records that trial {@code id} has done {@code step} of {@code steps} steps. */
  void step(String id, long step, long steps) {
    long share = steps > 0 ? weightOf(id) * Math.max(0, Math.min(step, steps)) / steps : 0;
    raise(id, share);
  }

  /** Records that trial {@code id} has ended (finished or failed). */
  void end(String id) {
    raise(id, weightOf(id));
    finished++;
  }

  private void raise(String id, long share) {
    long before = done.getOrDefault(id, 0L);
    if (share > before) {
      done.put(id, share);
      sum += share - before;
    }
  }

  private long weightOf(String id) {
    Long w = weight.get(id);
    if (w == null) {
      throw new IllegalArgumentException("trial " + id + " is not part of this sweep's progress");
    }
    return w;
  }
}
