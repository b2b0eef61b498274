package org.taskmet.tasks.fashion;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes unsigned-byte IDX files, the inverse of {@link IdxReader}: e.g. to export a built MultiFashion set,
 * or to make small test data sets in the Fashion-MNIST layout.
 */
public final class IdxWriter {
  private IdxWriter() {}

  /**
   * Writes {@code data} (values 0..255 as bytes) with the given dimensions, gzip-compressed when
   * {@code gzip} is set.
   */
  public static void write(Path file, int[] dimensions, byte[] data, boolean gzip) throws IOException {
    if (dimensions.length < 1 || dimensions.length > 255) {
      throw new IllegalArgumentException("IDX rank must be 1..255, got " + dimensions.length);
    }
    long total = 1;
    for (int d : dimensions) {
      if (d < 0) {
        throw new IllegalArgumentException("IDX dimensions must be >= 0, got " + d);
      }
      total *= d;
    }
    if (total != data.length) {
      throw new IllegalArgumentException("dimensions hold " + total + " values but data has " + data.length);
    }
    try (OutputStream file0 = Files.newOutputStream(file);
        OutputStream maybeGzip = gzip ? new GZIPOutputStream(file0, 1 << 16) : file0;
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(maybeGzip, 1 << 16))) {
      out.writeInt((IdxReader.TYPE_UNSIGNED_BYTE << 8) | dimensions.length);
      for (int d : dimensions) {
        out.writeInt(d);
      }
      out.write(data);
    }
  }

  /**
   * Writes a split in the Fashion-MNIST file layout: {@code <prefix>-images-idx3-ubyte.gz} and
   * {@code <prefix>-labels-idx1-ubyte.gz} ({@code prefix} "train" or "t10k").
   */
  public static void writeSplit(Path directory, String prefix, ImageSplit split) throws IOException {
    write(directory.resolve(prefix + "-images-idx3-ubyte.gz"), new int[] {split.count(), split.rows(), split.cols()},
        split.pixels(), true);
    byte[] labels = new byte[split.count()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (byte) split.labels()[i];
    }
    write(directory.resolve(prefix + "-labels-idx1-ubyte.gz"), new int[] {split.count()}, labels, true);
  }
}
