package org.taskmet.tasks.fashion;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxTestFiles {
  private IdxTestFiles() {}

  /** The bytes of an unsigned-byte IDX file with the given magic-number fields, dimensions and data. */
  static byte[] idxBytes(int type, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeInt((type << 8) | dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    out.flush();
    return bytes.toByteArray();
  }

  static Path write(Path file, byte[] content, boolean gzip) throws IOException {
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  /** Writes the four Fashion-MNIST files (gzip) with {@code train}/{@code test} random images of size h×w. */
  static void writeFashionDirectory(Path dir, int train, int test, int h, int w, long seed) throws IOException {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    IdxWriter.writeSplit(dir, "train", randomSplit(train, h, w, rng));
    IdxWriter.writeSplit(dir, "t10k", randomSplit(test, h, w, rng));
  }

  private static ImageSplit randomSplit(int n, int h, int w, java.util.SplittableRandom rng) {
    byte[] pixels = new byte[n * h * w];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 10;
      for (int j = 0; j < h * w; j++) {
        pixels[i * h * w + j] = (byte) rng.nextInt(256);
      }
    }
    return new ImageSplit(n, h, w, pixels, labels);
  }
}
