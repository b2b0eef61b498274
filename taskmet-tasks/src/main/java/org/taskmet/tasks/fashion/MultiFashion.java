package org.taskmet.tasks.fashion;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * MultiFashion (the Pareto-MTL / FS-MTL benchmark, rebuilt here from its description): two Fashion-MNIST
 * items overlaid on a 36×36 canvas; task "left" classifies the item placed towards the top-left, task
 * "right" the item placed towards the bottom-right (10 classes each).
 *
 * <p>Exact construction of image i (all draws from the {@code rng} passed in, in this order):
 * <ol>
 *   <li>left source index a ~ U{0..n−1}, right source index b ~ U{0..n−1} (independent; the two items
 *       may share a class);</li>
 *   <li>left offset (r<sub>L</sub>, c<sub>L</sub>) with each coordinate ~ U{0..{@value #JITTER}};
 *       right offset (r<sub>R</sub>, c<sub>R</sub>) with each coordinate ~ U{{@value #RIGHT_BASE}..
 *       {@value #RIGHT_BASE}+{@value #JITTER}} (= 6..8, so the 28×28 item ends at most at pixel 36);</li>
 *   <li>canvas = 0; the left item is pasted with its top-left corner at (r<sub>L</sub>, c<sub>L</sub>), the
 *       right one at (r<sub>R</sub>, c<sub>R</sub>); overlapping pixels take the maximum of the two.</li>
 * </ol>
 * The items overlap over most of their area (as in MultiMNIST), so each task must separate its item from
 * the other. Labels: left = label(a), right = label(b). The original data set has 120,000 training and
 * 20,000 test images; its exact offsets are not documented in the FS-MTL reference, so this layout is
 * ours.
 */
public final class MultiFashion {
  /** Canvas side in pixels. */
  public static final int CANVAS = 36;
  /** Maximal jitter of each item's position, in pixels per axis. */
  public static final int JITTER = 2;
  /** Smallest row/column of the right item's top-left corner. */
  public static final int RIGHT_BASE = 6;

  public static final List<String> TASK_NAMES = List.of("left", "right");

  private MultiFashion() {}

  /**
   * Builds {@code count} MultiFashion images from {@code source} (28×28 items).
   *
   * @param rng the only source of randomness; the same seed gives the same images
   */
  public static MultiTaskImages build(ImageSplit source, int count, RandomGenerator rng) {
    return build(source, source, count, rng);
  }

  /**
   * Builds {@code count} images whose left item comes from {@code leftSource} and right item from
   * {@code rightSource} (Multi-(Fashion+MNIST): Fashion-MNIST items on the left, MNIST digits on the right),
   * by the construction of the class comment; with one source for both sides this is {@link #build(ImageSplit,
   * int, RandomGenerator)}.
   */
  public static MultiTaskImages build(ImageSplit leftSource, ImageSplit rightSource, int count, RandomGenerator rng) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1, got " + count);
    }
    for (ImageSplit source : List.of(leftSource, rightSource)) {
      if (source.count() < 1) {
        throw new IllegalArgumentException("source split is empty");
      }
      int h = source.rows();
      int w = source.cols();
      if (h + RIGHT_BASE + JITTER > CANVAS || w + RIGHT_BASE + JITTER > CANVAS) {
        throw new IllegalArgumentException(
            "items of " + h + "x" + w + " do not fit the " + CANVAS + "x" + CANVAS + " canvas with offsets up to "
                + (RIGHT_BASE + JITTER));
      }
    }
    int perImage = CANVAS * CANVAS;
    byte[] pixels = new byte[Math.multiplyExact(count, perImage)];
    int[] left = new int[count];
    int[] right = new int[count];
    for (int i = 0; i < count; i++) {
      int a = rng.nextInt(leftSource.count());
      int b = rng.nextInt(rightSource.count());
      int rL = rng.nextInt(JITTER + 1);
      int cL = rng.nextInt(JITTER + 1);
      int rR = RIGHT_BASE + rng.nextInt(JITTER + 1);
      int cR = RIGHT_BASE + rng.nextInt(JITTER + 1);
      int base = i * perImage;
      paste(leftSource, a, pixels, base, rL, cL);
      paste(rightSource, b, pixels, base, rR, cR);
      left[i] = leftSource.labels()[a];
      right[i] = rightSource.labels()[b];
    }
    return MultiTaskImages.images(count, CANVAS, CANVAS, pixels, new int[][] {left, right},
        new int[] {FashionMnist.CLASS_COUNT, FashionMnist.CLASS_COUNT}, TASK_NAMES);
  }

  /** Max-overlays item {@code index} onto the canvas at {@code base} with its corner at (row0, col0). */
  private static void paste(ImageSplit source, int index, byte[] canvas, int base, int row0, int col0) {
    int h = source.rows();
    int w = source.cols();
    int src = index * h * w;
    for (int r = 0; r < h; r++) {
      int dst = base + (row0 + r) * CANVAS + col0;
      for (int c = 0; c < w; c++) {
        int v = source.pixels()[src + r * w + c] & 0xff;
        if (v > (canvas[dst + c] & 0xff)) {
          canvas[dst + c] = (byte) v;
        }
      }
    }
  }
}
