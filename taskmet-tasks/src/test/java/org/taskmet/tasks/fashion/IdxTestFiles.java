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

  /** Writes the four Fashion-MNIST files (gzip) with {@code train}/{@code test} images of size h×w. */
  static void writeFashionDirectory(Path dir, int train, int test, int h, int w, long seed) throws IOException {
    java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
    writeSplit(dir, "train", train, h, w, rng);
    writeSplit(dir, "t10k", test, h, w, rng);
  }

  private static void writeSplit(Path dir, String prefix, int n, int h, int w, java.util.SplittableRandom rng)
      throws IOException {
    byte[] pixels = new byte[n * h * w];
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) (i % 10);
      for (int j = 0; j < h * w; j++) {
        pixels[i * h * w + j] = (byte) rng.nextInt(256);
      }
    }
    write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), idxBytes(0x08, new int[] {n, h, w}, pixels), true);
    write(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), idxBytes(0x08, new int[] {n}, labels), true);
  }
}
