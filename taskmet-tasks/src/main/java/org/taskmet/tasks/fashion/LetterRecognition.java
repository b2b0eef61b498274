package org.taskmet.tasks.fashion;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The UCI letter-recognition data (Frey &amp; Slate 1991): 20,000 rows, each a capital letter A–Z and 16
 * integer features in 0..15 computed from a distorted glyph, as shipped in Debian's {@code opencv-doc}
 * ({@link #DEFAULT_FILE}; plain or gzip). Rows are read in file order as a 1×16 {@link ImageSplit} with labels
 * 0..25 (A = 0); the customary split is the first 16,000 rows for training and the last 4,000 for testing
 * ({@link #trainingRows}).
 */
public final class LetterRecognition {
  public static final Path DEFAULT_FILE = Path.of("/usr/share/doc/opencv-doc/examples/data/letter-recognition.data");
  public static final int FEATURES = 16;
  public static final int CLASS_COUNT = 26;
  /** The largest feature value. */
  public static final int MAX_VALUE = 15;

  private LetterRecognition() {}

  /**
   * The file to read: {@code file}, or {@code file.gz}.
   *
   * @throws UncheckedIOException saying how to install the data when neither exists
   */
  public static Path requireFile(Path file) {
    if (Files.isRegularFile(file)) {
      return file;
    }
    if (Files.isRegularFile(Path.of(file + ".gz"))) {
      return Path.of(file + ".gz");
    }
    throw new UncheckedIOException(new NoSuchFileException(file.toString(), null,
        "letter-recognition data not found; install it with `apt-get install opencv-doc` or pass the file with "
            + "--letters-file"));
  }

  /** Every row of {@code file}. */
  public static ImageSplit load(Path file) {
    Path source = requireFile(file);
    List<byte[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (BufferedReader in = reader(source)) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.trim().split(",");
        if (f.length != FEATURES + 1 || f[0].length() != 1 || f[0].charAt(0) < 'A' || f[0].charAt(0) > 'Z') {
          throw new IOException("line " + number + ": expected a capital letter and " + FEATURES
              + " comma-separated integers, got '" + line + "'");
        }
        byte[] row = new byte[FEATURES];
        for (int j = 0; j < FEATURES; j++) {
          int v;
          try {
            v = Integer.parseInt(f[j + 1].trim());
          } catch (NumberFormatException e) {
            throw new IOException("line " + number + ", feature " + (j + 1) + ": '" + f[j + 1] + "' is not an integer");
          }
          if (v < 0 || v > MAX_VALUE) {
            throw new IOException("line " + number + ", feature " + (j + 1) + ": " + v + " is outside 0.." + MAX_VALUE);
          }
          row[j] = (byte) v;
        }
        rows.add(row);
        labels.add(f[0].charAt(0) - 'A');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("invalid letter-recognition file " + source + ": " + e.getMessage(), e);
    }
    byte[] values = new byte[rows.size() * FEATURES];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i), 0, values, i * FEATURES, FEATURES);
    }
    return new ImageSplit(rows.size(), 1, FEATURES, values, labels.stream().mapToInt(Integer::intValue).toArray());
  }

  private static BufferedReader reader(Path file) throws IOException {
    var raw = new java.io.BufferedInputStream(Files.newInputStream(file));
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    var in = gzip ? new GZIPInputStream(raw) : raw;
    return new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.US_ASCII));
  }

  /** The customary training part: the first 80 % of the rows (16,000 of the 20,000). */
  public static int trainingRows(int count) {
    return count * 4 / 5;
  }

  /** The letter names A..Z. */
  public static List<String> classNames() {
    List<String> names = new ArrayList<>();
    for (char c = 'A'; c <= 'Z'; c++) {
      names.add(String.valueOf(c));
    }
    return names;
  }
}
