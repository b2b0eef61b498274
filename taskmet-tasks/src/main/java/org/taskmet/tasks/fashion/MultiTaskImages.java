package org.taskmet.tasks.fashion;

import java.util.Arrays;
import java.util.List;
import org.taskmet.api.Matrix;

/**
 * A multi-task classification set: {@code count} rows of unsigned-byte values (grey-scale images, or feature
 * rows stored as 1×n images) kept compact, and per task one class label per row. Task k has
 * {@code classCounts[k]} classes; its label of row i is in {@code 0..classCounts[k]-1}, or {@link #NO_LABEL}
 * when row i is not one of task k's examples (tasks with their own example pools, e.g. the balanced
 * one-vs-rest tasks, where a low-resource task has few examples).
 *
 * @param pixels count·height·width bytes, row-major per image (read with {@code & 0xff})
 * @param maxValue the largest value a byte stands for; features are {@code value / maxValue} in [0, 1]
 *     (255 for images)
 * @param labels K × count: {@code labels[k][i]} is row i's label for task k, or {@link #NO_LABEL}
 * @param classCounts the number of classes of each task (length K)
 * @param taskNames a short name per task for tables (length K)
 */
public record MultiTaskImages(int count, int height, int width, byte[] pixels, int maxValue, int[][] labels,
    int[] classCounts, List<String> taskNames) {
  /** The label of a row that is not an example of the task. */
  public static final int NO_LABEL = -1;

  public MultiTaskImages {
    if (pixels.length != (long) count * height * width) {
      throw new IllegalArgumentException(
          "pixels has " + pixels.length + " bytes, expected count·height·width = " + count + "·" + height + "·" + width);
    }
    if (maxValue < 1 || maxValue > 255) {
      throw new IllegalArgumentException("maxValue must be in 1..255, got " + maxValue);
    }
    if (labels.length != classCounts.length || labels.length != taskNames.size()) {
      throw new IllegalArgumentException("labels (" + labels.length + " tasks), classCounts (" + classCounts.length
          + ") and taskNames (" + taskNames.size() + ") must agree on the task count");
    }
    for (int k = 0; k < labels.length; k++) {
      if (labels[k].length != count) {
        throw new IllegalArgumentException("task " + k + " has " + labels[k].length + " labels, expected " + count);
      }
      for (int i = 0; i < count; i++) {
        if (labels[k][i] < NO_LABEL || labels[k][i] >= classCounts[k]) {
          throw new IllegalArgumentException("task " + k + " label " + labels[k][i] + " at image " + i
              + " is outside 0.." + (classCounts[k] - 1) + " (or " + NO_LABEL + " for no label)");
        }
      }
    }
    taskNames = List.copyOf(taskNames);
  }

  /** A set of 8-bit images (maxValue 255) in which every task labels every image. */
  public static MultiTaskImages images(int count, int height, int width, byte[] pixels, int[][] labels,
      int[] classCounts, List<String> taskNames) {
    return new MultiTaskImages(count, height, width, pixels, 255, labels, classCounts, taskNames);
  }

  public int taskCount() {
    return labels.length;
  }

  public int pixelsPerImage() {
    return height * width;
  }

  /** True when every task labels every row: one input batch then serves all tasks. */
  public boolean allLabelled() {
    for (int[] task : labels) {
      for (int y : task) {
        if (y == NO_LABEL) {
          return false;
        }
      }
    }
    return true;
  }

  /** The rows task k labels, ascending. */
  public int[] examples(int task) {
    return java.util.stream.IntStream.range(0, count).filter(i -> labels[task][i] != NO_LABEL).toArray();
  }

  /** The rows at {@code indices} as a feature matrix (indices.length × pixels), scaled to [0, 1]. */
  public Matrix features(int[] indices) {
    int f = pixelsPerImage();
    double[] out = new double[indices.length * f];
    double scale = 1.0 / maxValue;
    for (int r = 0; r < indices.length; r++) {
      int src = indices[r] * f;
      int dst = r * f;
      for (int j = 0; j < f; j++) {
        out[dst + j] = (pixels[src + j] & 0xff) * scale;
      }
    }
    return new Matrix(indices.length, f, out);
  }

  /** The rows at {@code indices} (in that order) with their labels, as a new set. */
  public MultiTaskImages subset(int[] indices) {
    int f = pixelsPerImage();
    byte[] px = new byte[Math.multiplyExact(indices.length, f)];
    int[][] y = new int[taskCount()][indices.length];
    for (int r = 0; r < indices.length; r++) {
      System.arraycopy(pixels, indices[r] * f, px, r * f, f);
      for (int k = 0; k < taskCount(); k++) {
        y[k][r] = labels[k][indices[r]];
      }
    }
    return new MultiTaskImages(indices.length, height, width, px, maxValue, y, classCounts, taskNames);
  }

  /**
   * The same images average-pooled over {@code factor}×{@code factor} blocks (rounded to the nearest
   * integer), e.g. 36×36 → 18×18 for factor 2; labels are shared, not copied. Factor 1 returns this set.
   */
  public MultiTaskImages pooled(int factor) {
    if (factor < 1 || height % factor != 0 || width % factor != 0) {
      throw new IllegalArgumentException(
          "pooling factor must be >= 1 and divide the image size " + height + "x" + width + ", got " + factor);
    }
    if (factor == 1) {
      return this;
    }
    int h = height / factor;
    int w = width / factor;
    int area = factor * factor;
    byte[] out = new byte[count * h * w];
    for (int i = 0; i < count; i++) {
      int src = i * height * width;
      int dst = i * h * w;
      for (int r = 0; r < h; r++) {
        for (int c = 0; c < w; c++) {
          int sum = 0;
          for (int dr = 0; dr < factor; dr++) {
            int rowStart = src + (r * factor + dr) * width + c * factor;
            for (int dc = 0; dc < factor; dc++) {
              sum += pixels[rowStart + dc] & 0xff;
            }
          }
          out[dst + r * w + c] = (byte) ((sum + area / 2) / area);
        }
      }
    }
    return new MultiTaskImages(count, h, w, out, maxValue, labels, classCounts, taskNames);
  }

  /** Task k's labels at {@code indices} ({@link #NO_LABEL} where the row is not one of its examples). */
  public int[] labels(int task, int[] indices) {
    int[] out = new int[indices.length];
    for (int r = 0; r < indices.length; r++) {
      out[r] = labels[task][indices[r]];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MultiTaskImages m && count == m.count && height == m.height && width == m.width
        && maxValue == m.maxValue && Arrays.equals(pixels, m.pixels) && Arrays.deepEquals(labels, m.labels)
        && Arrays.equals(classCounts, m.classCounts) && taskNames.equals(m.taskNames);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(pixels) * 31 + Arrays.deepHashCode(labels);
  }
}
