package org.taskmet.core.nn;

/**
 * The shape of one input or output row of a convolutional layer: {@code channels × height × width} values
 * stored channel-major, then row-major (PyTorch's NCHW with one image per row). A plain feature vector of n
 * values is the shape {@code n × 1 × 1}.
 */
public record ImageShape(int channels, int height, int width) {
  public ImageShape {
    if (channels < 1 || height < 1 || width < 1) {
      throw new IllegalArgumentException(
          "image shape must be positive in every dimension, got " + channels + "x" + height + "x" + width);
    }
    if ((long) channels * height * width > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("image shape " + channels + "x" + height + "x" + width + " is too large");
    }
  }

  /** A flat vector of {@code n} features. */
  public static ImageShape vector(int n) {
    return new ImageShape(n, 1, 1);
  }

  /** channels·height·width: the length of one row. */
  public int size() {
    return channels * height * width;
  }

  /** e.g. {@code "1x36x36"}. */
  @Override
  public String toString() {
    return channels + "x" + height + "x" + width;
  }
}
