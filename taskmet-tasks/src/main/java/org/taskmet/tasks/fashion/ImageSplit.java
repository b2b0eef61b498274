package org.taskmet.tasks.fashion;

/**
 * One split of a labelled image data set (Fashion-MNIST, MNIST digits; a row of features is a 1×n image):
 * {@code count} images of {@code rows × cols} unsigned-byte values and their class labels.
 *
 * @param pixels count·rows·cols bytes, image-major then row-major (read with {@code & 0xff})
 * @param labels count class labels, each >= 0
 */
public record ImageSplit(int count, int rows, int cols, byte[] pixels, int[] labels) {
  public ImageSplit {
    if (count < 0 || rows < 1 || cols < 1 || pixels.length != (long) count * rows * cols || labels.length != count) {
      throw new IllegalArgumentException("image split of " + count + " images of " + rows + "x" + cols + " needs "
          + ((long) count * rows * cols) + " pixels and " + count + " labels, got " + pixels.length + " and "
          + labels.length);
    }
  }

  public int pixelsPerImage() {
    return rows * cols;
  }

  /** The images at {@code indices}, in that order. */
  public ImageSplit subset(int[] indices) {
    int f = pixelsPerImage();
    byte[] px = new byte[Math.multiplyExact(indices.length, f)];
    int[] y = new int[indices.length];
    for (int r = 0; r < indices.length; r++) {
      if (indices[r] < 0 || indices[r] >= count) {
        throw new IllegalArgumentException("index " + indices[r] + " is outside the split's 0.." + (count - 1));
      }
      System.arraycopy(pixels, indices[r] * f, px, r * f, f);
      y[r] = labels[indices[r]];
    }
    return new ImageSplit(indices.length, rows, cols, px, y);
  }
}
