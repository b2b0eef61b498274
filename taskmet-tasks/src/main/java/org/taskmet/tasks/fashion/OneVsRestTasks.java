package org.taskmet.tasks.fashion;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The many-task split for the worst-case question: 10 binary one-vs-rest tasks on plain Fashion-MNIST
 * (task k: "is the item of class k?"), with symmetric label noise injected into one task's
 * <em>training</em> labels.
 *
 * <p>Noise: each training label of the noisy task is flipped independently with probability
 * {@code flipProbability} (&lt; 0.5, so the Bayes classifier of the noisy task is still the clean one
 * but its training loss has a large irreducible part, H(p) nats). Test labels are never corrupted, so
 * test accuracy measures whether the task was learned. This is the setting in which loss-based weighting
 * (group DRO) over-weights the noisy task (ExcessMTL, mtl.md §1.3 F1).
 */
public final class OneVsRestTasks {
  private OneVsRestTasks() {}

  /**
   * @param source a Fashion-MNIST split (images used as they are, 28×28)
   * @param indices which images of {@code source} to use, in this order
   * @param noisyTask the task whose labels get flipped, or −1 for none
   * @param flipProbability in [0, 0.5)
   * @param rng draws the flips (one {@code nextDouble()} per image, only when {@code noisyTask >= 0})
   */
  public static MultiTaskImages build(
      FashionMnist.Split source, int[] indices, int noisyTask, double flipProbability, RandomGenerator rng) {
    int k = FashionMnist.CLASS_COUNT;
    if (noisyTask < -1 || noisyTask >= k) {
      throw new IllegalArgumentException("noisyTask must be -1 (none) or in 0.." + (k - 1) + ", got " + noisyTask);
    }
    if (!(flipProbability >= 0 && flipProbability < 0.5)) {
      throw new IllegalArgumentException("flipProbability must be in [0, 0.5), got " + flipProbability);
    }
    int n = indices.length;
    int perImage = source.pixelsPerImage();
    byte[] pixels = new byte[Math.multiplyExact(n, perImage)];
    int[][] labels = new int[k][n];
    for (int i = 0; i < n; i++) {
      int src = indices[i];
      if (src < 0 || src >= source.count()) {
        throw new IllegalArgumentException("index " + src + " is outside the split's 0.." + (source.count() - 1));
      }
      System.arraycopy(source.pixels(), src * perImage, pixels, i * perImage, perImage);
      int y = source.labels()[src];
      for (int t = 0; t < k; t++) {
        labels[t][i] = y == t ? 1 : 0;
      }
      if (noisyTask >= 0 && rng.nextDouble() < flipProbability) {
        labels[noisyTask][i] = 1 - labels[noisyTask][i];
      }
    }
    List<String> names = new ArrayList<>();
    for (int t = 0; t < k; t++) {
      names.add(t == noisyTask ? "ovr-" + t + "-noisy" : "ovr-" + t);
    }
    int[] classCounts = new int[k];
    Arrays.fill(classCounts, 2);
    return new MultiTaskImages(n, source.rows(), source.cols(), pixels, labels, classCounts, names);
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
    for (int i = 0; i < count; i++) {
      int j = i + rng.nextInt(population - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return Arrays.copyOf(all, count);
  }
}
