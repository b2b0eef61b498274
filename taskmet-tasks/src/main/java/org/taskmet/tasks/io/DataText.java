package org.taskmet.tasks.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.taskmet.core.io.IoErrors;

/**
 * The text syntax shared by the data files users write by hand or export from a spreadsheet (price CSVs,
 * click matrices): UTF-8 with an optional byte-order mark, and numbers in plain decimal notation.
 */
public final class DataText {
  /**
   * Plain decimal numbers: an optional sign, digits with an optional fraction, an optional exponent. Java's
   * {@code Double.parseDouble} also takes hexadecimal ({@code 0x1p-2}), type suffixes ({@code 0.5f}, {@code 1d}),
   * {@code NaN}, {@code Infinity} and surrounding blanks, which no data file means as a number.
   */
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private DataText() {}

  /**
   * The value of a plain decimal number: an optional sign, digits with an optional fraction, an optional exponent
   * (e.g. {@code -12}, {@code 0.5}, {@code .5}, {@code 1e-3}).
   *
   * @throws NumberFormatException when {@code token} is anything else
   */
  public static double decimal(String token) {
    if (!DECIMAL.matcher(token).matches()) {
      throw new NumberFormatException("not a decimal number: " + token);
    }
    return Double.parseDouble(token);
  }

  /**
   * Opens {@code file} as UTF-8 text, skipping a leading byte-order mark (spreadsheets write one).
   *
   * @throws IOException when the file cannot be opened
   */
  public static BufferedReader open(Path file) throws IOException {
    BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
    try {
      in.mark(1);
      if (in.read() != BYTE_ORDER_MARK) {
        in.reset();
      }
      return in;
    } catch (IOException e) {
      in.close();
      throw e;
    }
  }

  /** Why a data file could not be read, for a message that already names the file. */
  public static String reason(IOException e) {
    return e instanceof CharacterCodingException ? "it is not UTF-8 text (" + e.getClass().getSimpleName() + ")"
        : IoErrors.describe(e);
  }
}
