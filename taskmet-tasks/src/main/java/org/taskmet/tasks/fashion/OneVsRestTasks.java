package org.taskmet.tasks.fashion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Many binary tasks from one labelled data set, for the worst-case (DRO) question: task k is "is this of class
 * k?" (Fashion-MNIST: 10 tasks; UCI letters: 26), each with its <em>own balanced example pool</em> — every
 * example of class k as a positive and as many negatives drawn from the other classes — so chance is 50 % and
 * accuracy means the same for every task (all-negative guessing no longer scores 90 %). Tasks share the
 * images, not the examples: a step draws a batch from each task's pool.
 *
 * <p>Two injected difficulties (mtl.md §1.3, the cases in which plain DRO fails):
 * <ul>
 *   <li>a <b>noisy task</b>: each of its labels is flipped independently with probability {@code flip} &lt; 0.5
 *       (its Bayes classifier is still the clean one, but its training loss keeps an irreducible part: group
 *       DRO over-weights it, ExcessMTL's failure F1);</li>
 *   <li>a <b>low-resource task</b>: only {@code lowResourceExamples} of its examples are kept (half positives),
 *       so it can only be learned through what the shared trunk learns from the other tasks.</li>
 * </ul>
 * Test sets are built with {@link Options#clean()}: full balanced pools, clean labels.
 *
 * <p>Exact construction, every draw from the {@code rng} passed in, in this order: (1) for every task k = 0, 1, …,
 * its negatives: a partial Fisher–Yates shuffle of the ascending list of rows of other classes picks
 * min(#positives, #others) of them; (2) the low-resource task: full Fisher–Yates shuffles of its positives, then of
 * its negatives, keep the first ⌈n/2⌉ and ⌊n/2⌋; (3) the noisy task: one {@code nextDouble()} per example in
 * ascending row order, label flipped when below {@code flip}. So the injected difficulties change no other task.
 */
public final class OneVsRestTasks {
  private OneVsRestTasks() {}

  /**
   * The injected difficulties.
   *
   * @param noisyTask the task whose labels are flipped, or −1 for none
   * @param flipProbability in [0, 0.5)
   * @param lowResourceTask the task that keeps only a few examples, or −1 for none
   * @param lowResourceExamples how many (≥ 2) it keeps
   */
  public record Options(int noisyTask, double flipProbability, int lowResourceTask, int lowResourceExamples) {
    public Options {
      if (!(flipProbability >= 0 && flipProbability < 0.5)) {
        throw new IllegalArgumentException("flip probability must be in [0, 0.5), got " + flipProbability);
      }
      if (lowResourceTask >= 0 && lowResourceExamples < 2) {
        throw new IllegalArgumentException("a low-resource task needs >= 2 examples, got " + lowResourceExamples);
      }
      if (noisyTask >= 0 && noisyTask == lowResourceTask) {
        throw new IllegalArgumentException("the noisy and the low-resource task must differ, both are " + noisyTask);
      }
    }

    /** No noise, no low-resource task (test sets). */
    public static Options clean() {
      return new Options(-1, 0.0, -1, 0);
    }
  }

  /**
   * Builds the tasks on every row of {@code source}.
   *
   * @param classCount number of classes = tasks; labels of {@code source} must be in 0..classCount−1
   * @param maxValue the largest value a byte of {@code source} stands for (255 for images)
   * @param taskNames one name per class; the noisy task's gets "-noisy", the low-resource task's "-low"
   */
  public static MultiTaskImages build(ImageSplit source, int classCount, int maxValue, List<String> taskNames,
      Options options, RandomGenerator rng) {
    if (taskNames.size() != classCount) {
      throw new IllegalArgumentException(classCount + " classes but " + taskNames.size() + " task names");
    }
    for (int t : new int[] {options.noisyTask(), options.lowResourceTask()}) {
      if (t < -1 || t >= classCount) {
        throw new IllegalArgumentException("task " + t + " is outside -1 (none) and 0.." + (classCount - 1));
      }
    }
    int n = source.count();
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < classCount; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      int y = source.labels()[i];
      if (y < 0 || y >= classCount) {
        throw new IllegalArgumentException("row " + i + " has label " + y + ", outside 0.." + (classCount - 1));
      }
      byClass.get(y).add(i);
    }
    // phase 1 for every task, then 2, then 3: the options of one task never change another task's draws
    int[][] positives = new int[classCount][];
    int[][] negatives = new int[classCount][];
    for (int t = 0; t < classCount; t++) {
      positives[t] = byClass.get(t).stream().mapToInt(Integer::intValue).toArray();
      int[] others = new int[n - positives[t].length];
      int o = 0;
      for (int i = 0; i < n; i++) {
        if (source.labels()[i] != t) {
          others[o++] = i;
        }
      }
      negatives[t] = partialShuffle(others, Math.min(positives[t].length, others.length), rng);
    }
    int low = options.lowResourceTask();
    if (low >= 0) {
      int keep = options.lowResourceExamples();
      positives[low] = Arrays.copyOf(partialShuffle(positives[low], positives[low].length, rng),
          Math.min(positives[low].length, (keep + 1) / 2));
      negatives[low] = Arrays.copyOf(partialShuffle(negatives[low], negatives[low].length, rng),
          Math.min(negatives[low].length, keep / 2));
    }
    int[][] labels = new int[classCount][n];
    List<String> names = new ArrayList<>();
    for (int t = 0; t < classCount; t++) {
      Arrays.fill(labels[t], MultiTaskImages.NO_LABEL);
      for (int i : positives[t]) {
        labels[t][i] = 1;
      }
      for (int i : negatives[t]) {
        labels[t][i] = 0;
      }
      String suffix = t == options.noisyTask() ? "-noisy" : t == low ? "-low" : "";
      names.add(taskNames.get(t) + suffix);
    }
    int noisy = options.noisyTask();
    if (noisy >= 0) {
      for (int i = 0; i < n; i++) {
        if (labels[noisy][i] != MultiTaskImages.NO_LABEL && rng.nextDouble() < options.flipProbability()) {
          labels[noisy][i] = 1 - labels[noisy][i];
        }
      }
    }
    int[] classCounts = new int[classCount];
    Arrays.fill(classCounts, 2);
    return new MultiTaskImages(n, source.rows(), source.cols(), source.pixels(), maxValue, labels, classCounts, names);
  }

  /** The first {@code count} entries of a partial Fisher–Yates shuffle of a copy of {@code values}. */
  private static int[] partialShuffle(int[] values, int count, RandomGenerator rng) {
    int[] a = values.clone();
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return Arrays.copyOf(a, count);
  }

  /** {@code count} distinct indices of {0..population−1} drawn without replacement (partial Fisher–Yates). */
  public static int[] sampleIndices(int population, int count, RandomGenerator rng) {
    if (count < 0 || count > population) {
      throw new IllegalArgumentException("cannot sample " + count + " of " + population + " images");
    }
    int[] all = new int[population];
    for (int i = 0; i < population; i++) {
      all[i] = i;
    }
    return partialShuffle(all, count, rng);
  }
}
