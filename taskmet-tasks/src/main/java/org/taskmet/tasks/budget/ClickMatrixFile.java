package org.taskmet.tasks.budget;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.taskmet.tasks.io.DataText;

/**
 * Click-probability matrices from a user-supplied text file.
 *
 * <p>Format: UTF-8 text (a byte-order mark is skipped), one or more blocks separated by blank lines; each block is
 * a matrix with one line per channel and one value per user (plain decimals, {@link DataText#decimal}, separated by
 * commas and/or whitespace); lines starting with {@code #} are comments. All blocks must have the same shape, of at
 * least two channels; every value must be a probability in [0, 1], and not all values may be equal.
 *
 * <p>Why the last two rules: instances draw their channels from the file's rows, so with one row every channel of
 * an instance is the same; and when every probability is equal, every budget split reaches the same users. Either
 * way no decision is better than another, and the task's normalized decision quality (0/0) would fail only after
 * training.
 *
 * <p>Sampling: {@link ClickMatrixSampler}, as the reference samples its tensor of shape blocks × channels × users.
 */
public final class ClickMatrixFile implements ClickMatrixSource {
  private final Path file;
  private final List<double[]> blocks;
  private final int rows;
  private final int cols;

  private ClickMatrixFile(Path file, List<double[]> blocks, int rows, int cols) {
    this.file = file;
    this.blocks = blocks;
    this.rows = rows;
    this.cols = cols;
  }

  /**
   * Reads and validates the file.
   *
   * @throws IllegalArgumentException naming the file and line when the file is missing or malformed
   */
  public static ClickMatrixFile read(Path file) {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = DataText.open(file)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("budget: cannot read click-matrix file " + file + ": " + DataText.reason(e),
          e);
    }
    List<double[]> blocks = new ArrayList<>();
    List<double[]> current = new ArrayList<>();
    int rows = -1;
    int cols = -1;
    int blockStart = 0;
    for (int ln = 0; ln <= lines.size(); ln++) {
      String line = ln < lines.size() ? lines.get(ln).strip() : "";
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isEmpty()) {
        if (!current.isEmpty()) {
          if (rows < 0) {
            rows = current.size();
          } else if (current.size() != rows) {
            throw new IllegalArgumentException("budget: click-matrix file " + file + ", block starting at line "
                + blockStart + " has " + current.size() + " channel rows, the first block has " + rows);
          }
          double[] flat = new double[rows * cols];
          for (int r = 0; r < rows; r++) {
            System.arraycopy(current.get(r), 0, flat, r * cols, cols);
          }
          blocks.add(flat);
          current.clear();
        }
        continue;
      }
      if (current.isEmpty()) {
        blockStart = ln + 1;
      }
      String[] tokens = line.split("[,\\s]+");
      if (cols < 0) {
        cols = tokens.length;
      } else if (tokens.length != cols) {
        throw new IllegalArgumentException("budget: click-matrix file " + file + ", line " + (ln + 1) + " has "
            + tokens.length + " values, expected " + cols + " (one per user, as on the first data line)");
      }
      double[] row = new double[cols];
      for (int c = 0; c < cols; c++) {
        double v;
        try {
          v = DataText.decimal(tokens[c]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("budget: click-matrix file " + file + ", line " + (ln + 1)
              + ", value " + (c + 1) + " '" + tokens[c] + "' is not a decimal number");
        }
        if (!(v >= 0 && v <= 1)) {
          throw new IllegalArgumentException("budget: click-matrix file " + file + ", line " + (ln + 1)
              + ", value " + (c + 1) + " = " + tokens[c] + " is not a probability in [0, 1]");
        }
        row[c] = v;
      }
      current.add(row);
    }
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("budget: click-matrix file " + file + " holds no matrix (expected lines "
          + "of comma/space separated probabilities, one line per channel)");
    }
    if (rows < 2) {
      throw new IllegalArgumentException("budget: click-matrix file " + file + " has matrices of " + rows + " channel "
          + "row(s) x " + cols + " users; at least 2 channel rows are needed (instances draw their channels from the "
          + "rows, so with one row every channel is the same and no budget split is better than another)");
    }
    if (allEqual(blocks)) {
      throw new IllegalArgumentException("budget: click-matrix file " + file + ": every probability is "
          + blocks.get(0)[0] + ", so every budget split reaches the same users and no decision is better than another");
    }
    return new ClickMatrixFile(file, List.copyOf(blocks), rows, cols);
  }

  private static boolean allEqual(List<double[]> blocks) {
    double first = blocks.get(0)[0];
    for (double[] b : blocks) {
      for (double v : b) {
        if (v != first) {
          return false;
        }
      }
    }
    return true;
  }

  /** Number of matrices (blocks) in the file. */
  public int blockCount() {
    return blocks.size();
  }

  /** Channel rows per matrix. */
  public int channels() {
    return rows;
  }

  /** User columns per matrix. */
  public int users() {
    return cols;
  }

  @Override
  public List<double[]> draw(int count, int channels, int users, RandomGenerator rng) {
    return ClickMatrixSampler.draw(blocks, rows, cols, count, channels, users, rng);
  }

  @Override
  public String describe() {
    return "click-matrix file " + file + " (" + blocks.size() + " block(s) of " + rows + "x" + cols + ")";
  }
}
