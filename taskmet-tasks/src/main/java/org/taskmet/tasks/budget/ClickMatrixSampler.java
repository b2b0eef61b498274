package org.taskmet.tasks.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The reference's sampling of instance matrices from stored channel × user blocks (taskmet.md §2.3: indices
 * drawn with replacement). With two or more blocks, the channels and users of the task are drawn once per
 * dataset and each instance is a block drawn with replacement, restricted to those channels and users. With
 * a single block there is nothing to vary between instances that way, so each instance draws its own
 * channels and users (with replacement) from the one matrix.
 */
final class ClickMatrixSampler {
  private ClickMatrixSampler() {}

  /**
   * @param blocks row-major matrices of {@code rows} channels × {@code cols} users
   */
  static List<double[]> draw(List<double[]> blocks, int rows, int cols, int count, int channels, int users,
      RandomGenerator rng) {
    List<double[]> out = new ArrayList<>(count);
    if (blocks.size() >= 2) {
      int[] ch = indices(rng, channels, rows);
      int[] us = indices(rng, users, cols);
      for (int t = 0; t < count; t++) {
        out.add(submatrix(blocks.get(rng.nextInt(blocks.size())), cols, ch, us));
      }
    } else {
      for (int t = 0; t < count; t++) {
        out.add(submatrix(blocks.get(0), cols, indices(rng, channels, rows), indices(rng, users, cols)));
      }
    }
    return out;
  }

  private static int[] indices(RandomGenerator rng, int count, int bound) {
    int[] idx = new int[count];
    for (int i = 0; i < count; i++) {
      idx[i] = rng.nextInt(bound);
    }
    return idx;
  }

  private static double[] submatrix(double[] block, int cols, int[] ch, int[] us) {
    double[] y = new double[ch.length * us.length];
    for (int i = 0; i < ch.length; i++) {
      for (int j = 0; j < us.length; j++) {
        y[i * us.length + j] = block[ch[i] * cols + us[j]];
      }
    }
    return y;
  }
}
