package org.taskmet.tasks.fashion;

import java.util.List;
import org.taskmet.api.Matrix;

/**
 * A multi-task image classification set: {@code count} grey-scale images (unsigned bytes, kept compact)
 * and, per task, one class label per image. All tasks share the images; task k has
 * {@code classCounts[k]} classes and labels in {@code 0..classCounts[k]-1}.
 *
 * @param pixels count·height·width bytes, image-major then row-major (read with {@code & 0xff})
 * @param labels K × count: {@code labels[k][i]} is image i's label for task k
 * @param classCounts the number of classes of each task (length K)
 * @param taskNames a short name per task for tables (length K)
 */
public record MultiTaskImages(
    int count, int height, int width, byte[] pixels, int[][] labels, int[] classCounts, List<String> taskNames) {

  public MultiTaskImages {
    if (pixels.length != (long) count * height * width) {
      throw new IllegalArgumentException(
          "pixels has " + pixels.length + " bytes, expected count·height·width = " + count + "·" + height + "·" + width);
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
        if (labels[k][i] < 0 || labels[k][i] >= classCounts[k]) {
          throw new IllegalArgumentException("task " + k + " label " + labels[k][i] + " at image " + i
              + " is outside 0.." + (classCounts[k] - 1));
        }
      }
    }
  }

  public int taskCount() {
    return labels.length;
  }

  public int pixelsPerImage() {
    return height * width;
  }

  /** The images at {@code indices} as a feature matrix (indices.length × pixels), scaled to [0, 1]. */
  public Matrix features(int[] indices) {
    int f = pixelsPerImage();
    double[] out = new double[indices.length * f];
    for (int r = 0; r < indices.length; r++) {
      int src = indices[r] * f;
      int dst = r * f;
      for (int j = 0; j < f; j++) {
        out[dst + j] = (pixels[src + j] & 0xff) / 255.0;
      }
    }
    return new Matrix(indices.length, f, out);
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
    return new MultiTaskImages(count, h, w, out, labels, classCounts, taskNames);
  }

  /** Task k's labels at {@code indices}. */
  public int[] labels(int task, int[] indices) {
    int[] out = new int[indices.length];
    for (int r = 0; r < indices.length; r++) {
      out[r] = labels[task][indices[r]];
    }
    return out;
  }
}
